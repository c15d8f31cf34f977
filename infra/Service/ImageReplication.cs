using System.Collections.Immutable;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Ecr;
using Pulumi.Aws.Ecr.Inputs;

namespace MultiRegionInfra.Service;

/// <summary>The replication of the service's repository from the primary region's registry to every
/// other region's. ECR keeps one replication configuration per registry, and only the global stack knows
/// every region, so it declares it, in the primary's region. Images pushed after it exists are copied
/// within minutes; the README's release steps wait for them before deploying the other regions.</summary>
public sealed class ImageReplication : ComponentResource
{
    /// <summary>The regions images are copied to.</summary>
    [Output]
    public Output<ImmutableArray<string>> DestinationRegions { get; private set; } = null!;

    public ImageReplication(string name, ImageReplicationArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:service:ImageReplication", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        new ReplicationConfiguration(ResourceNames.Child(name, "replication"), new ReplicationConfigurationArgs
        {
            Region = args.SourceRegion,
            ReplicationConfigurationDetails = new ReplicationConfigurationReplicationConfigurationArgs
            {
                Rules =
                {
                    new ReplicationConfigurationReplicationConfigurationRuleArgs
                    {
                        Destinations = args.DestinationRegions.Select(region => new ReplicationConfigurationReplicationConfigurationRuleDestinationArgs
                        {
                            Region = region,
                            RegistryId = args.AccountId,
                        }).ToList(),
                        RepositoryFilters =
                        {
                            new ReplicationConfigurationReplicationConfigurationRuleRepositoryFilterArgs { Filter = args.RepositoryName, FilterType = "PREFIX_MATCH" },
                        },
                    },
                },
            },
        }, new CustomResourceOptions { Parent = this });
        DestinationRegions = Output.Create(args.DestinationRegions.ToImmutableArray());
        RegisterOutputs();
    }
}
