using System.Text.Json;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Kms;
using Alias = Pulumi.Aws.Kms.Alias;
using Pulumi.Aws.Ssm;

namespace MultiRegionInfra.Service;

/// <summary>What a regional stack tells its service: one SSM SecureString parameter per value of
/// <see cref="ServiceParameters"/> under the stack's path, encrypted with a key of its own that only the
/// account administers and only SSM uses on the service's behalf.</summary>
public sealed class ServiceConfiguration : ComponentResource
{
    /// <summary>The parameters' path.</summary>
    [Output]
    public Output<string> Path { get; private set; } = null!;

    /// <summary>The key that encrypts the parameters.</summary>
    [Output]
    public Output<string> KeyArn { get; private set; } = null!;

    /// <summary>The parameters, for resources that must start after they exist.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public ServiceConfiguration(string name, ServiceConfigurationArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:service:ServiceConfiguration", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };

        var key = new Key(ResourceNames.Child(name, "key"), new KeyArgs
        {
            Description = $"Encrypts the service parameters of {context.StackName} ({args.Path})",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Policy = args.AccountId.Apply(account => KeyPolicy(args.Partition, account)),
            Tags = context.Tags(ResourceNames.Child(name, "key")),
        }, new CustomResourceOptions { Parent = this, Protect = args.Protect });
        new Alias(ResourceNames.Child(name, "key-alias"), new AliasArgs
        {
            Name = $"alias/{ResourceNames.Join(context.Application, context.StackName, "service-config")}",
            TargetKeyId = key.KeyId,
        }, self);

        Parameters = args.Values.Select(p => new Parameter(ResourceNames.Child(name, p.Key.Name.Replace('/', '-')), new ParameterArgs
        {
            Name = args.Path + p.Key.Name,
            Description = p.Key.Description.Length <= 1024 ? p.Key.Description : p.Key.Description[..1024],
            Type = "SecureString",
            KeyId = key.Arn,
            Value = p.Value,
            Tags = context.Tags(ResourceNames.Child(name, p.Key.Name.Replace('/', '-'))),
        }, self)).ToList();

        Path = Output.Create(args.Path);
        KeyArn = key.Arn;
        RegisterOutputs();
    }

    /// <summary>The key's policy: the account administers it (and grants its use through IAM policies,
    /// such as the instance role's, which decrypt only through SSM).</summary>
    public static string KeyPolicy(string partition, string accountId) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new object[]
        {
            new { Sid = "Account", Effect = "Allow", Principal = new { AWS = $"arn:{partition}:iam::{accountId}:root" }, Action = "kms:*", Resource = "*" },
        },
    });
}
