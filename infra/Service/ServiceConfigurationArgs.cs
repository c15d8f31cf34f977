using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Service;

/// <summary>Inputs of <see cref="ServiceConfiguration"/>.</summary>
public sealed class ServiceConfigurationArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The path the parameters live under, <c>/project/stack/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The value of every parameter the regional stack publishes.</summary>
    public required IReadOnlyDictionary<ServiceParameter, Input<string>> Values { get; init; }

    /// <summary>The AWS account, for the key's policy.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>Whether the key gets Pulumi's <c>protect</c> (prod): without it the parameters cannot be read.</summary>
    public bool Protect { get; init; }

    /// <summary>The partition of the stack's region (aws, aws-cn, aws-us-gov, ...).</summary>
    public string Partition { get; init; } = "aws";
}
