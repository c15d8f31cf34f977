using System.Collections.Immutable;
using System.Security.Cryptography;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Kms;
using Pulumi.Aws.Ssm;

namespace MultiRegionInfra.Security;

/// <summary>The secret a regional load balancer behind CloudFront requires in a request header, so that it
/// answers only this project's distribution (CloudFront's address ranges are shared by every AWS
/// customer). Each generation's value is made once, stored in an SSM SecureString parameter whose value
/// the program never changes afterwards (IgnoreChanges), and read back from it, so it stays the same on
/// every later run. The current generation and the one before it are kept, so the value can be rotated
/// without an outage: the regions accept both while the global stack moves to the new one. The parameters
/// live outside the service's parameter path and are encrypted with a key of their own, which the
/// instance role may not use: the instances' SSM agent policy can fetch any parameter, but not decrypt
/// this one.</summary>
public sealed class OriginSecret : ComponentResource
{
    /// <summary>The header's name starts with this; the stack's name follows (the api origin sends every
    /// region's header, and each load balancer checks its own).</summary>
    public const string HeaderPrefix = "x-origin-verify-";

    /// <summary>The header a stack's load balancer requires, e.g. x-origin-verify-us-east.</summary>
    public static string HeaderName(string stackName) => HeaderPrefix + ResourceNames.Join(stackName);

    /// <summary>The parameter of one generation: /&lt;application&gt;-edge/&lt;stack&gt;/origin-secret-&lt;generation&gt;,
    /// beside the service's /&lt;application&gt;/&lt;stack&gt;/ path rather than inside it.</summary>
    public static string ParameterName(string application, string stackName, int generation) =>
        $"/{application}-edge/{stackName}/origin-secret-{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A new value: 32 random bytes as 64 lower-case hex characters.</summary>
    public static string RandomValue() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    /// <summary>The generations a stack keeps: the current one and, from 2 on, the one before it.</summary>
    public static IReadOnlyList<int> KeptGenerations(int generation) =>
        generation > 1 ? new[] { generation, generation - 1 } : new[] { generation };

    /// <summary>The header's name.</summary>
    [Output]
    public Output<string> Header { get; private set; } = null!;

    /// <summary>The current generation's value (a secret): what CloudFront sends.</summary>
    [Output]
    public Output<string> Current { get; private set; } = null!;

    /// <summary>The values the load balancer accepts (a secret): the current generation's, then the one before.</summary>
    [Output]
    public Output<ImmutableArray<string>> Accepted { get; private set; } = null!;

    /// <summary>The current generation.</summary>
    [Output]
    public Output<int> Generation { get; private set; } = null!;

    /// <summary>The parameter holding the current generation's value.</summary>
    [Output]
    public Output<string> CurrentParameter { get; private set; } = null!;

    /// <summary>The secret's own key, which encrypts the parameters.</summary>
    [Output]
    public Output<string> KeyArn { get; private set; } = null!;

    public OriginSecret(string name, OriginSecretArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:security:OriginSecret", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Generation < 1)
            throw new ArgumentException($"the origin secret's generation must be 1 or more, not {args.Generation}", nameof(args));
        var context = args.Context;
        var key = BuildKey(name, args);
        var parameters = new List<Parameter>();
        var values = KeptGenerations(args.Generation).Select(generation =>
        {
            var part = $"generation-{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            var parameter = new Parameter(ResourceNames.Child(name, part), new ParameterArgs
            {
                Name = ParameterName(context.Application, context.StackName, generation),
                Description = $"The header value CloudFront sends to {context.StackName}'s load balancer (generation {generation}); written once, never by the program again",
                Type = "SecureString",
                KeyId = key.Arn,
                Value = Output.CreateSecret(args.NewValue()),
                Tags = context.Tags(ResourceNames.Child(name, part)),
            }, new CustomResourceOptions { Parent = this, IgnoreChanges = { "value" } });
            parameters.Add(parameter);
            // The stored value, not the one this run made: on every run after the first they differ.
            return Output.CreateSecret(parameter.Value);
        }).ToList();

        Header = Output.Create(HeaderName(context.StackName));
        Current = values[0];
        Accepted = Output.All(values);
        Generation = Output.Create(args.Generation);
        CurrentParameter = parameters[0].Name;
        KeyArn = key.Arn;
        RegisterOutputs();
    }

    private Key BuildKey(string name, OriginSecretArgs args)
    {
        var context = args.Context;
        var key = new Key(ResourceNames.Child(name, "key"), new KeyArgs
        {
            Description = $"Encrypts the origin secret of {context.StackName}'s load balancer (CloudFront's header); not the instances'",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Policy = args.AccountId.ToOutput().Apply(account => Service.ServiceConfiguration.KeyPolicy(args.Partition, account)),
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });
        new Pulumi.Aws.Kms.Alias(ResourceNames.Child(name, "key-alias"), new AliasArgs
        {
            Name = $"alias/{ResourceNames.Join(context.Application, context.StackName, "origin-secret")}",
            TargetKeyId = key.KeyId,
        }, new CustomResourceOptions { Parent = this });
        return key;
    }
}
