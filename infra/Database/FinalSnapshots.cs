using System.Globalization;
using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>Final snapshots that never collide. A database's final snapshot is named when the database is
/// created (its identifier and the creation time), and later updates keep that name: a replacement is a
/// new database created later, so its snapshot gets a new name, where a fixed name would make the second
/// replacement fail on the first one's snapshot.</summary>
public static class FinalSnapshots
{
    /// <summary>The final snapshot's identifier: letters, digits and single hyphens, at most 255.</summary>
    public static string Identifier(string databaseIdentifier, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(databaseIdentifier);
        return $"{databaseIdentifier}-final-{createdAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The options of a database resource: parented, protected in prod, its final snapshot name
    /// kept from creation, and replaced by deleting first (its identifier is fixed, so the new one cannot
    /// exist beside the old; in prod, protect refuses the replacement outright).</summary>
    public static CustomResourceOptions Options(Resource parent, bool protect) => new()
    {
        Parent = parent,
        Protect = protect,
        IgnoreChanges = { "finalSnapshotIdentifier" },
        DeleteBeforeReplace = true,
    };
}
