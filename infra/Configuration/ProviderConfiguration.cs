namespace MultiRegionInfra.Configuration;

/// <summary>The keys of a stack file outside the project's own namespace: the providers' (aws,
/// aws-native, cloudflare) and Pulumi's. A key in any other namespace, a provider key the provider does
/// not have, an unknown AWS region and a credential in plain text are refused, because each would
/// otherwise be ignored or end up in the stack file's history.</summary>
public static class ProviderConfiguration
{
    /// <summary>Pulumi's own namespace (e.g. pulumi:disable-default-providers); not checked here.</summary>
    public const string PulumiNamespace = "pulumi";

    /// <summary>Each provider's configuration keys, as its package's Config class reads them
    /// (Pulumi.Aws 7, Pulumi.AwsNative 1.74, Pulumi.Cloudflare 6.17).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> ProviderKeys = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["aws"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "accessKey", "allowedAccountIds", "assumeRoleWithWebIdentity", "assumeRoles", "customCaBundle", "defaultTags",
            "ec2MetadataServiceEndpoint", "ec2MetadataServiceEndpointMode", "endpoints", "forbiddenAccountIds", "httpProxy", "httpsProxy",
            "ignoreTags", "insecure", "maxRetries", "noProxy", "profile", "region", "retryMode", "s3UsEast1RegionalEndpoint", "s3UsePathStyle",
            "secretKey", "sharedConfigFiles", "sharedCredentialsFiles", "skipCredentialsValidation", "skipMetadataApiCheck", "skipRegionValidation",
            "skipRequestingAccountId", "stsRegion", "tagPolicyCompliance", "token", "tokenBucketRateLimiterCapacity", "useDualstackEndpoint",
            "useFipsEndpoint", "userAgents",
        },
        ["aws-native"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "accessKey", "allowedAccountIds", "assumeRole", "autoNaming", "defaultTags", "endpoints", "forbiddenAccountIds", "ignoreTags",
            "insecure", "maxRetries", "profile", "region", "roleArn", "s3UsePathStyle", "secretKey", "sharedCredentialsFile",
            "skipCredentialsValidation", "skipGetEc2Platforms", "skipMetadataApiCheck", "skipRegionValidation", "skipRequestingAccountId", "token",
        },
        ["cloudflare"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "apiKey", "apiToken", "apiUserServiceKey", "baseUrl", "email", "userAgentOperatorSuffix",
        },
    };

    /// <summary>Credentials: a stack file holds them only encrypted (<c>pulumi config set --secret</c>).</summary>
    public static readonly IReadOnlySet<string> MustBeSecret = new HashSet<string>(StringComparer.Ordinal)
    {
        "aws:accessKey", "aws:secretKey", "aws:token",
        "aws-native:accessKey", "aws-native:secretKey", "aws-native:token",
        "cloudflare:apiKey", "cloudflare:apiToken", "cloudflare:apiUserServiceKey",
    };

    /// <summary>Every problem with the keys outside <paramref name="project"/>'s namespace, and with the
    /// region keys; values of secret keys are never repeated. (Whether aws-native:region suits the
    /// session table depends on the regional stacks: <see cref="Policies.CrossStackValidation"/>.)</summary>
    public static IReadOnlyList<string> Check(ConfigSource source, string project, string stack)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<string>();
        var namespaces = ProviderKeys.Keys.Append(project).Append(PulumiNamespace).ToList();
        foreach (var key in source.Values.Keys.Order(StringComparer.Ordinal))
        {
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            var space = separator > 0 ? key[..separator] : "";
            var name = separator > 0 ? key[(separator + 1)..] : key;
            if (separator <= 0)
            {
                errors.Add($"{key}: has no namespace; allowed: {project}:{key} or a provider's key such as aws:region");
            }
            else if (!namespaces.Contains(space))
            {
                var nearest = ConfigReader.Suggest(space, namespaces);
                errors.Add($"{key}: is in the namespace '{space}', which nothing in this program reads; allowed: the namespaces {string.Join(", ", namespaces)}" +
                    (nearest is null ? "" : $" (did you mean '{nearest}:{name}'?)"));
            }
            else if (ProviderKeys.TryGetValue(space, out var known) && !known.Contains(name))
            {
                var nearest = ConfigReader.Suggest(name, known);
                errors.Add($"{key}: is not a key of the {space} provider; " +
                    (nearest is null ? $"allowed: {string.Join(", ", known.Order(StringComparer.Ordinal))}" : $"did you mean '{space}:{nearest}'?"));
            }
            else if (MustBeSecret.Contains(key) && !source.IsSecret(key))
            {
                errors.Add($"{key}: is in plain text in Pulumi.{stack}.yaml; allowed: a secret, set with: pulumi config set --secret {key} <value> --stack {stack}");
            }
        }
        errors.AddRange(Regions(source));
        return errors;
    }

    private static IEnumerable<string> Regions(ConfigSource source)
    {
        foreach (var key in new[] { "aws:region", "aws-native:region" })
        {
            if (source.Get(key) is { } region && !AwsRegions.IsKnown(region))
                yield return $"{key}: '{region}' is not an AWS region; allowed: {RegionSuggestion(region)}";
        }
    }

    private static string RegionSuggestion(string region)
    {
        var nearest = ConfigReader.Suggest(region, AwsRegions.Partitions.Keys);
        return nearest is null ? "an AWS region such as us-east-1 or eu-west-1" : $"an AWS region (did you mean '{nearest}'?)";
    }
}
