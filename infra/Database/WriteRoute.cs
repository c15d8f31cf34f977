using System.Collections.Immutable;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Contracts;
using MultiRegionInfra.Service;
using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>Where a region's service sends its writes, and how they get there.</summary>
/// <param name="Address">The writer host.</param>
/// <param name="Region">The writer's region (IAM tokens are signed for it).</param>
/// <param name="ResourceId">The writer's resource ID (IAM authentication names it).</param>
/// <param name="Path">local, peering or write-forwarding.</param>
public sealed record WriteRoute(Output<string> Address, Output<string> Region, Output<string> ResourceId, string Path)
{
    public const string Local = "local";
    public const string Peering = "peering";
    public const string WriteForwarding = "write-forwarding";

    /// <summary>A primary writes locally; a PostgreSQL replica region writes to the primary it reads from
    /// its stack (over peering); an Aurora secondary writes to its own cluster, which forwards.</summary>
    public static WriteRoute Of(RegionalSettings settings, IDatabase database, RegionalStackReference? primary)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(database);
        if (settings.Role == RegionRole.Primary || primary is null)
            return new WriteRoute(database.Address, Output.Create(settings.Region), database.ResourceId, Local);
        if (settings.Database.Engine == DatabaseEngine.AuroraPostgresql)
            return new WriteRoute(database.Address, Output.Create(settings.Region), database.ResourceId, WriteForwarding);
        return new WriteRoute(primary.Get(RegionalContract.DbAddress), primary.Get(RegionalContract.Region), primary.Get(RegionalContract.DbResourceId), Peering);
    }

    /// <summary>The logins the service needs: the writer, and the local reader.</summary>
    public Output<ImmutableArray<DatabaseLogin>> Logins(IDatabase database, RegionalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var user = settings.Database.ServiceUser;
        return Output.Tuple(Region, ResourceId, database.ResourceId).Apply(t => ImmutableArray.Create(
            new DatabaseLogin(t.Item1, t.Item2, user),
            new DatabaseLogin(settings.Region, t.Item3, user)));
    }
}
