using Pulumi;

namespace MultiRegionInfra.Global;

/// <summary>Inputs of <see cref="SessionStore"/>.</summary>
public sealed class SessionStoreArgs
{
    /// <summary>The table's name.</summary>
    public required string TableName { get; init; }

    /// <summary>The AWS regions that hold a replica (every configured region).</summary>
    public required IReadOnlyList<Input<string>> Regions { get; init; }

    /// <summary>Tags of every replica.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>Whether the replicas refuse deletion and the table is protected (prod).</summary>
    public bool Protect { get; init; }
}
