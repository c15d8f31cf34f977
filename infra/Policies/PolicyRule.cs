namespace MultiRegionInfra.Policies;

/// <summary>One check over a stack's resources.</summary>
/// <param name="Id">Our ID, e.g. MRI-RDS-01.</param>
/// <param name="Severity">Error (refused) or warning (reported).</param>
/// <param name="Checks">What it checks, in a few words.</param>
/// <param name="Checkov">The matching Checkov rule IDs, or "none".</param>
/// <param name="Trivy">The matching Trivy (AVD) IDs, or "none".</param>
/// <param name="AwsGuard">The matching Pulumi AWSGuard rule, or "none".</param>
public sealed record PolicyRule(string Id, PolicySeverity Severity, string Checks, string Checkov, string Trivy, string AwsGuard)
{
    internal Func<PolicyStack, PolicyRule, IEnumerable<Violation>> Evaluate { get; init; } = (_, _) => Enumerable.Empty<Violation>();

    public IEnumerable<Violation> Check(PolicyStack stack) => Evaluate(stack, this);

    internal Violation Violation(PolicyResource resource, string property, string problem) =>
        new(Id, Severity, resource, property, $"{resource.Display}: {property} {problem}");
}
