// Package downstream shows docs2openapi used the way a user's repository
// uses it: pages in docs/, a docs2openapi.yaml, and this one line.
package downstream

//go:generate go tool docs2openapi generate
//go:generate go tool docs2openapi generate --config tasks.yaml
