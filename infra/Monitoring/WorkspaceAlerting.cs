using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Amp;

namespace MultiRegionInfra.Monitoring;

/// <summary>A Prometheus workspace's rules and alert manager, in the workspace's region: one rule group
/// namespace with <see cref="SloRules"/> (recording and alerting rules derived from the SLO), and an alert
/// manager definition whose one receiver is the region's alarm topic (which admits
/// <see cref="AlarmTopicArgs.Prometheus"/>, see <see cref="AlarmTopic"/>).</summary>
public sealed class WorkspaceAlerting : ComponentResource
{
    /// <summary>The rule group namespace's name in the workspace.</summary>
    public static string NamespaceOf(string application) => ResourceNames.Join(application, "rules");

    /// <summary>The rule file as registered.</summary>
    [Output]
    public Output<string> Rules { get; private set; } = null!;

    public WorkspaceAlerting(string name, WorkspaceAlertingArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:monitoring:WorkspaceAlerting", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var self = new CustomResourceOptions { Parent = this };
        var rules = new RuleGroupNamespace(ResourceNames.Child(name, "rules"), new RuleGroupNamespaceArgs
        {
            Region = args.Region,
            WorkspaceId = args.WorkspaceId,
            Name = NamespaceOf(args.Context.Application),
            Data = SloRules.RuleFile(args.Slo, args.Metrics, args.ServiceScraped),
            Tags = args.Context.Tags(ResourceNames.Child(name, "rules")),
        }, self);
        new AlertManagerDefinition(ResourceNames.Child(name, "alert-manager"), new AlertManagerDefinitionArgs
        {
            Region = args.Region,
            WorkspaceId = args.WorkspaceId,
            Definition = Output.Tuple(args.TopicArn.ToOutput(), args.Region.ToOutput()).Apply(t => SloRules.AlertManagerDefinition(t.Item1, t.Item2)),
        }, self);

        Rules = rules.Data;
        RegisterOutputs(new Dictionary<string, object?> { ["rules"] = Rules });
    }
}
