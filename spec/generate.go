// Package spec holds the input pages, the specs built from them and the
// configs that build them. `go generate ./...` (or `make generate`) rebuilds
// spec/<version>/openapi.yaml and generated/<version>.
package spec

//go:generate go run ../cmd/docs2openapi generate --config v1.0.yaml
//go:generate go run ../cmd/docs2openapi generate --config beta.yaml
