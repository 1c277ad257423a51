package codegen

import (
	"strings"

	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// The client templates' doc comments. oapi-codegen's GenerateFunctionComment
// methods write them; these functions write the same text (the tests
// compare them on every operation of a corpus sample and on hostile
// text), for a fifth of the time oapi-codegen spent generating a client:
// the methods strip newlines from each line with a strings.Replacer they
// build for every line.
//
// They are derived from oapi-codegen v2.8.2 (pkg/codegen/operations.go
// and utils.go, https://github.com/oapi-codegen/oapi-codegen), Copyright
// the oapi-codegen authors, licensed under the Apache License, Version
// 2.0 (https://www.apache.org/licenses/LICENSE-2.0); docs2openapi changed
// how lines are stripped of newlines.

// opComment is OperationDefinition.GenerateFunctionComment.
func opComment(o codegen.OperationDefinition, name, suffix string, withResponses bool) string {
	name += suffix
	desc := descriptionLines(o.Summary, o.Spec.Description)
	const returns = "Returns a wrapper object for the known response body format(s)."
	if parts := summaryLines(o, name, desc); parts != nil {
		switch {
		case o.HasBody() && withResponses:
			parts = append(parts, "// Takes any type of body and a specified content type, and returns a wrapper object for the known response body format(s).", "//")
		case o.HasBody():
			parts = append(parts, "// Takes any type of body and a specified content type.", "//")
		case withResponses:
			parts = append(parts, "// "+returns, "//")
		}
		return joinLines(append(parts, corresponds(o)))
	}
	var parts []string
	if o.HasBody() {
		parts = append(parts, performs(o, name)+",", "// with any type of body and a specified content type.")
	} else {
		parts = append(parts, performs(o, name)+".")
	}
	if len(desc) > 0 {
		parts = append(append(parts, "//"), commented(desc)...)
	}
	if withResponses {
		parts = append(parts, "//", "// "+returns)
	}
	return joinLines(parts)
}

// bodyComment is RequestBodyDefinition.GenerateFunctionComment.
func bodyComment(r codegen.RequestBodyDefinition, name string, parent codegen.OperationDefinition, suffix string, withResponses bool) string {
	name += suffix
	desc := descriptionLines(parent.Summary, parent.Spec.Description)
	takes := "// Takes a body of the `" + r.ContentType + "` content type."
	if withResponses {
		takes = "// Takes a body of the `" + r.ContentType + "` content type, and returns a wrapper object for the known response body format(s)."
	}
	if parts := summaryLines(parent, name, desc); parts != nil {
		return joinLines(append(parts, takes, "//", corresponds(parent)))
	}
	parts := []string{performs(parent, name) + ".", takes}
	if len(desc) > 0 {
		parts = append(append(parts, "//"), commented(desc)...)
	}
	return joinLines(parts)
}

// summaryLines opens a comment that has a summary: its lines, then the
// description's, each followed by an empty comment line; nil without a
// summary.
func summaryLines(o codegen.OperationDefinition, name string, desc []string) []string {
	summary := o.SummaryAsComment(name)
	if summary == "" {
		return nil
	}
	parts := append(strings.Split(summary, "\n"), "//")
	if len(desc) > 0 {
		parts = append(append(parts, commented(desc)...), "//")
	}
	return parts
}

// performs opens a comment that has no summary (without its full stop).
func performs(o codegen.OperationDefinition, name string) string {
	return "// " + name + " performs a " + o.Method + " " + o.Path + " (the `" + o.OperationId + "` operationId) request"
}

// corresponds closes a comment that has a summary.
func corresponds(o codegen.OperationDefinition) string {
	return "// Corresponds with " + o.Method + " " + o.Path + " (the `" + o.OperationId + "` operationId)."
}

// commented makes lines comment lines.
func commented(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = "// " + l
	}
	return out
}

// descriptionLines is oapi-codegen's prepareDescriptionLines: the lines of
// the description, none when it is the summary, a full stop added to a
// single line without punctuation (which gofmt would make a heading).
func descriptionLines(summary, description string) []string {
	description = normalizeWhitespace(description)
	if description == "" || description == normalizeWhitespace(summary) {
		return nil
	}
	lines := strings.Split(description, "\n")
	if len(lines) == 1 && !strings.ContainsAny(lines[0], ".,;:!?") {
		lines[0] += "."
	}
	return lines
}

// normalizeWhitespace is oapi-codegen's: line ends made \n, trailing ones
// dropped.
func normalizeWhitespace(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimRight(s, "\n\r")
}

// joinLines joins the lines of a comment with newlines, having removed
// any newline within a line, so that text from the spec stays in the
// comment.
func joinLines(parts []string) string {
	for i, p := range parts {
		if strings.ContainsAny(p, "\n\r") {
			parts[i] = strings.NewReplacer("\n", "", "\r", "").Replace(p)
		}
	}
	return strings.Join(parts, "\n")
}
