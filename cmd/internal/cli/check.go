package cli

import (
	"encoding/json"
	"fmt"

	"github.com/docs2openapi/docs2openapi/gen/check"
	"github.com/docs2openapi/docs2openapi/gen/diag"
)

func (e *env) check(args []string) error {
	fs := e.newFlags("check", "check [--api-version V] [--format text|json] PATH...", "docs2openapi check --api-version beta --format json spec/pages")
	version := versionFlag(fs)
	format := fs.String(flagFormat, formatText, "report format: text, json or github-actions")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return flagError(err)
	}
	if !oneOf(*format, formatText, formatJSON, formatGitHub) {
		return usagef("check: unknown --%s %q", flagFormat, *format)
	}
	if len(paths) == 0 {
		return usagef("check: no input paths")
	}
	res, err := buildPaths(paths, *version, "")
	if err != nil {
		return err
	}
	res.NoteInvalid(res.Validate())
	rep := check.Check(e.ctx, res)
	all := append(append(diag.List{}, res.Diags...), rep.Diags...)
	all.Sort()
	switch *format {
	case formatJSON:
		out := struct {
			Version string `json:"apiVersion"`
			*check.Report
			Errors   int `json:"errors"`
			Warnings int `json:"warnings"`
		}{*version, rep, all.Errors(), len(all) - all.Errors()}
		rep.Diags = all
		if rep.Diags == nil {
			rep.Diags = diag.List{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	case formatGitHub:
		if err := diag.WriteGitHub(e.stdout, all); err != nil {
			return err
		}
	default:
		if err := diag.WriteText(e.stderr, all); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "docs2openapi: %d examples checked: %d passed, %d failed; %s\n", rep.Examples, rep.Passed, rep.Failed, all.Summary())
	}
	if rep.Failed > 0 {
		return exitError(exitFindings)
	}
	return nil
}
