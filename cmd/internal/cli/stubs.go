package cli

func (e *env) generate(args []string) error { return usagef("generate: not yet") }
