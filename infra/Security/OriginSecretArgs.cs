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

    /// <summary>The KMS key the parameters are encrypted with.</summary>
    public required Input<string> KeyArn { get; init; }

    /// <summary>Makes a new secret value; it is stored once, when its generation's parameter is created.
    /// The default is 32 random bytes from the operating system's generator, as 64 hex characters.</summary>
    public Func<string> NewValue { get; init; } = OriginSecret.RandomValue;
}
