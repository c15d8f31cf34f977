using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.WafV2;
using Pulumi.Aws.WafV2.Inputs;

namespace MultiRegionInfra.Global;

/// <summary>The AWS WAF web ACL in front of the CloudFront distribution: AWS's managed common rule set
/// (the OWASP-style protections) and known-bad-inputs rule set, and a rate-based rule that blocks an IP
/// address sending more than the configured number of requests in 5 minutes. Everything else is
/// allowed. CloudWatch metrics and sampled requests are on for the ACL and every rule. A web ACL for
/// CloudFront has the CLOUDFRONT scope and lives in us-east-1.</summary>
public sealed class EdgeFirewall : ComponentResource
{
    /// <summary>Where web ACLs for CloudFront are created.</summary>
    public const string Region = "us-east-1";

    /// <summary>The AWS managed rule groups, in evaluation order after the rate limit.</summary>
    public static readonly IReadOnlyList<string> ManagedRuleGroups = new[] { "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet" };

    public const string RateLimitRule = "rate-limit";

    /// <summary>The web ACL's ARN (what a distribution's webAclId takes for WAFv2).</summary>
    [Output]
    public Output<string> WebAclArn { get; private set; } = null!;

    public EdgeFirewall(string name, EdgeFirewallArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:edge:EdgeFirewall", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var aclName = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "edge"), 128);

        var rules = new InputList<WebAclRuleArgs>
        {
            // First, so a flood is cut off before the managed groups spend capacity on it.
            new WebAclRuleArgs
            {
                Name = RateLimitRule,
                Priority = 0,
                Action = new WebAclRuleActionArgs { Block = new WebAclRuleActionBlockArgs() },
                Statement = new WebAclRuleStatementArgs
                {
                    RateBasedStatement = new WebAclRuleStatementRateBasedStatementArgs { Limit = args.Settings.RateLimit, AggregateKeyType = "IP" },
                },
                VisibilityConfig = Visibility($"{aclName}-{RateLimitRule}"),
            },
        };
        for (var i = 0; i < ManagedRuleGroups.Count; i++)
        {
            var group = ManagedRuleGroups[i];
            rules.Add(new WebAclRuleArgs
            {
                Name = group,
                Priority = (i + 1) * 10,
                // The group's own actions apply (block what it matches): "none" overrides nothing.
                OverrideAction = new WebAclRuleOverrideActionArgs { None = new WebAclRuleOverrideActionNoneArgs() },
                Statement = new WebAclRuleStatementArgs
                {
                    ManagedRuleGroupStatement = new WebAclRuleStatementManagedRuleGroupStatementArgs { VendorName = "AWS", Name = group },
                },
                VisibilityConfig = Visibility($"{aclName}-{group}"),
            });
        }

        var acl = new WebAcl(ResourceNames.Child(name, "acl"), new WebAclArgs
        {
            Region = Region,
            Name = aclName,
            Description = $"In front of {context.Application}'s CloudFront distribution: AWS managed common and known-bad-inputs rules, {args.Settings.RateLimit} requests per IP per 5 minutes",
            Scope = "CLOUDFRONT",
            DefaultAction = new WebAclDefaultActionArgs { Allow = new WebAclDefaultActionAllowArgs() },
            Rules = rules,
            VisibilityConfig = new WebAclVisibilityConfigArgs { CloudwatchMetricsEnabled = true, SampledRequestsEnabled = true, MetricName = aclName },
            Tags = context.Tags(ResourceNames.Child(name, "acl")),
        }, new CustomResourceOptions { Parent = this });

        WebAclArn = acl.Arn;
        RegisterOutputs();
    }

    private static WebAclRuleVisibilityConfigArgs Visibility(string metric) =>
        new() { CloudwatchMetricsEnabled = true, SampledRequestsEnabled = true, MetricName = ResourceNames.Limit(metric, 128) };
}
