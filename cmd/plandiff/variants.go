package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
	evolution "github.com/plandiff/plandiff/pkg/report"
)

type variantsOptions struct {
	format string
	output string
}

func newVariantsCmd(e *env, g *globals) *cobra.Command {
	o := &variantsOptions{}
	cmd := &cobra.Command{
		Use:   "variants [<version>]",
		Short: "List where the copies of a version disagree, with the sources of each reading",
		Long: `List every clause on whose reading the copies of a version disagree (the
clause's variants): each reading, the sources that give it, and the one the
clause text follows (marked *). Without VERSION, every version of the corpus,
in lineage order.

--format json prints the plandiff/variants/v1 document (docs/formats.md).`,
		Example: `  plandiff variants
  plandiff variants us-28-draft
  plandiff variants --format json | jq '.versions[].clauses[].id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("%s wants at most one version, got %d arguments", cmd.Name(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := outputFormat(cmd, o.format, o.output, "text", "text", "json")
			if err != nil {
				return err
			}
			o.format = f
			return runVariants(cmd, e, g, o, args)
		},
		ValidArgsFunction: completeVersions(e, g),
	}
	cmd.Flags().StringVar(&o.format, "format", "", "output format: text or json (default: from -o's extension, else text)")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to `FILE` (replaced atomically) instead of standard output")
	registerEnumCompletion(cmd, "format", "text", "json")
	return cmd
}

func runVariants(cmd *cobra.Command, e *env, g *globals, o *variantsOptions, args []string) error {
	r := g.resolver(e)
	var plans []*plan.Plan
	if len(args) == 1 {
		p, err := r.Plan(cmd.Context(), args[0])
		if err != nil {
			return err
		}
		plans = []*plan.Plan{p}
	} else {
		c, err := r.LoadCorpus(cmd.Context())
		if err != nil {
			return err
		}
		plans = c.Plans
	}
	v := evolution.NewVariants(plans)
	return writeTo(cmd.Context(), e, o.output, false, func(w io.Writer) error {
		if o.format == "json" {
			return render.JSONEnvelope(w, evolution.VariantsSchema, v)
		}
		return evolution.VariantsText(w, v, textOptions(e, g, o.output))
	})
}
