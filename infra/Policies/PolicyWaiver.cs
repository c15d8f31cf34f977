using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Policies;

/// <summary>One rule waived for one named resource, with the reason someone accepted the risk.</summary>
/// <param name="RuleId">The rule, e.g. MRI-LB-02.</param>
/// <param name="Resource">The resource's logical name, e.g. app-http.</param>
/// <param name="Reason">Why it is acceptable.</param>
public sealed record PolicyWaiver(string RuleId, string Resource, string Reason)
{
    /// <summary>The <c>policy.waivers</c> key: a list of "RULE-ID/resource-name: reason".</summary>
    public const string ConfigKey = "policy.waivers";

    private static readonly Regex Form = new(@"^(?<rule>MRI-[A-Z0-9]+-[0-9]{2})/(?<resource>[A-Za-z0-9._-]+):\s*(?<reason>.*)$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Reads and validates the stack's waivers, recording every problem in the reader.</summary>
    public static IReadOnlyList<PolicyWaiver> Read(ConfigReader config)
    {
        var waivers = new List<PolicyWaiver>();
        foreach (var entry in config.StringList(ConfigKey, Array.Empty<string>()))
        {
            var match = Form.Match(entry);
            if (!match.Success)
            {
                config.Error(ConfigKey, entry, "is not a waiver", "allowed: \"RULE-ID/resource-name: reason\", e.g. \"MRI-LB-02/app-http: dev stack without a domain\"");
                continue;
            }
            var ruleId = match.Groups["rule"].Value;
            var reason = match.Groups["reason"].Value.Trim();
            if (PolicySet.Find(ruleId) is null)
            {
                var suggestion = ConfigReader.Suggest(ruleId, PolicySet.All.Select(r => r.Id));
                config.Error(ConfigKey, entry, $"names the unknown rule {ruleId}", suggestion is null ? "see the rule table in README.md" : $"did you mean '{suggestion}'?");
            }
            else if (reason.Length == 0)
            {
                config.Error(ConfigKey, entry, "gives no reason", "allowed: \"RULE-ID/resource-name: reason\"; a waiver records why the risk is accepted");
            }
            else
            {
                waivers.Add(new PolicyWaiver(ruleId, match.Groups["resource"].Value, reason));
            }
        }
        return waivers;
    }
}

/// <summary>The outcome of holding a stack to the policy set.</summary>
/// <param name="Violations">What breaks a rule and is not waived.</param>
/// <param name="Waived">What breaks a rule and is waived, with the waiver.</param>
/// <param name="UnusedWaivers">Waivers that match nothing (a renamed resource, a fixed problem).</param>
public sealed record PolicyReport(IReadOnlyList<Violation> Violations, IReadOnlyList<(Violation Violation, PolicyWaiver Waiver)> Waived, IReadOnlyList<PolicyWaiver> UnusedWaivers)
{
    public IEnumerable<Violation> Errors => Violations.Where(v => v.Severity == PolicySeverity.Error);

    public IEnumerable<Violation> Warnings => Violations.Where(v => v.Severity == PolicySeverity.Warning);
}

/// <summary>Evaluates every rule of the set over a stack, honouring waivers.</summary>
public static class PolicyEvaluator
{
    public static PolicyReport Evaluate(PolicyStack stack, IReadOnlyList<PolicyWaiver> waivers, IEnumerable<PolicyRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(waivers);
        var violations = new List<Violation>();
        var waived = new List<(Violation, PolicyWaiver)>();
        var used = new HashSet<PolicyWaiver>();
        foreach (var violation in (rules ?? PolicySet.All).SelectMany(rule => rule.Check(stack)))
        {
            var waiver = waivers.FirstOrDefault(w => w.RuleId == violation.RuleId && w.Resource == violation.Resource.Name);
            if (waiver is null)
            {
                violations.Add(violation);
            }
            else
            {
                waived.Add((violation, waiver));
                used.Add(waiver);
            }
        }
        return new PolicyReport(violations, waived, waivers.Where(w => !used.Contains(w)).ToList());
    }
}
