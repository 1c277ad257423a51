package assemble

// ValidateDoc is validateDoc, the validation that Encode runs, for the
// benchmark of the libraries' share of a build.
var ValidateDoc = validateDoc
