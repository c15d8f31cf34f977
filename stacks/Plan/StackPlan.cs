namespace MultiRegionInfra.Stacks.Plan;

/// <summary>One resource of a stack's plan, as `pulumi preview` would show it.</summary>
/// <param name="Urn">The URN the Pulumi engine gives it: stack, project, the type chain of its parents, name.</param>
/// <param name="Type">Its type token.</param>
/// <param name="Name">Its logical name.</param>
/// <param name="Parent">Its parent's URN (the stack's for top-level resources; null for the stack).</param>
/// <param name="Provider">The URN of its explicit provider, or null for the default provider.</param>
/// <param name="Protect">Whether Pulumi refuses to delete it.</param>
/// <param name="DependsOn">URNs of its explicit dependencies.</param>
/// <param name="Inputs">What the program sends; secrets appear as "[secret]".</param>
/// <param name="Outputs">What the provider would assign (ID, ARN, DNS name, ...), as the plan's mocks model it.</param>
/// <param name="Where">The region (or the provider) it is created in.</param>
public sealed record PlannedResource(
    string Urn,
    string Type,
    string Name,
    string? Parent,
    string? Provider,
    bool Protect,
    IReadOnlyList<string> DependsOn,
    IReadOnlyDictionary<string, object?> Inputs,
    IReadOnlyDictionary<string, object?> Outputs,
    string Where)
{
    /// <summary>Whether the resource takes tags (its args have a Tags property); not part of the JSON.</summary>
    public bool Taggable { get; init; }

    /// <summary>The paths of the inputs (<c>imageId</c>, <c>aliases[0].name</c>) whose values hold
    /// something the mocks invented: values a deployment knows only once AWS has created a resource.</summary>
    public IReadOnlyList<string> ModelledInputs { get; init; } = Array.Empty<string>();
}

/// <summary>Something the plan found about a stack: a warning, or an error that stops it.</summary>
/// <param name="Severity">error or warning.</param>
/// <param name="Rule">What raised it, e.g. config or a policy rule ID.</param>
/// <param name="Resource">The resource it is about (its URN), or the stack.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record Finding(string Severity, string Rule, string Resource, string Message)
{
    public const string Error = "error";
    public const string Warning = "warning";

    /// <summary>A rule broken by a resource for which the stack's configuration holds a waiver.</summary>
    public const string Waived = "waived";
}

/// <summary>The offline plan of one stack.</summary>
public sealed record StackPlan(
    string Stack,
    string Project,
    string Kind,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyList<PlannedResource> Resources,
    IReadOnlyDictionary<string, object?> Outputs,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The stack's AWS region (<c>aws:region</c>).</summary>
    public string Region { get; init; } = "";

    /// <summary>The paths of the stack outputs whose values the mocks invented.</summary>
    public IReadOnlyList<string> ModelledOutputs { get; init; } = Array.Empty<string>();

    /// <summary>The stack's monthly cost estimate (after every stack is planned).</summary>
    public Costs.StackCost? Cost { get; init; }

    /// <summary>A global stack's failover budget against its RTO and RPO.</summary>
    public Reliability.BudgetReport? Budget { get; init; }

    /// <summary>A global stack's system cost in active-active and in active-passive.</summary>
    public IReadOnlyList<Costs.SystemCost>? Comparison { get; init; }

    /// <summary>A global stack's system on both database engines (cost, budget, expected lag).</summary>
    public IReadOnlyList<Costs.EngineOption>? Engines { get; init; }

    /// <summary>A global stack's service level (for the alarm summary).</summary>
    public Reliability.SloSettings? Slo { get; init; }

    /// <summary>A global stack's canaries (for the alarm summary).</summary>
    public Monitoring.CanarySettings? Canaries { get; init; }

    /// <summary>Whether the stack planned without an error.</summary>
    public bool Succeeded => Findings.All(f => f.Severity != Finding.Error);

    public IEnumerable<Finding> Errors => Findings.Where(f => f.Severity == Finding.Error);

    public IEnumerable<Finding> Warnings => Findings.Where(f => f.Severity == Finding.Warning);
}
