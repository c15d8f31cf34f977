using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Security;

/// <summary>Inputs of <see cref="OriginSecret"/>.</summary>
public sealed class OriginSecretArgs
{
    /// <summary>Whose resources these are: tags, the stack and the application (the parameter's name).</summary>
    public required StackContext Context { get; init; }

    /// <summary>The current generation (edge.originSecretGeneration), 1 or more.</summary>
    public required int Generation { get; init; }

    /// <summary>The account, for the key policy of the secret's own KMS key.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>The AWS partition of the stack's region.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>Whether the key is protected (prod): deleting it would make the stored values unreadable.</summary>
    public bool Protect { get; init; }

    /// <summary>Makes a new secret value; it is stored once, when its generation's parameter is created.
    /// The default is 32 random bytes from the operating system's generator, as 64 hex characters.</summary>
    public Func<string> NewValue { get; init; } = OriginSecret.RandomValue;
}
