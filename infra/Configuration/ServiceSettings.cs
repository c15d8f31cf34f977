using System.Text.RegularExpressions;
using MultiRegionInfra.Service;

namespace MultiRegionInfra.Configuration;

/// <summary>A non-secret environment variable of the service, written into the instances' boot script.</summary>
public sealed record EnvironmentVariable(string Name, string Value);

/// <summary>Where a secret the service receives lives.</summary>
public enum SecretStore
{
    /// <summary>An AWS Secrets Manager secret, named by its ARN.</summary>
    SecretsManager,

    /// <summary>An SSM Parameter Store SecureString, named by its ARN or by its name in the stack's region.</summary>
    ParameterStore,
}

/// <summary>A secret injected into the service's environment at start: only its name and where it
/// lives are configuration; the value is read by the instance, through its role, when the service starts.</summary>
/// <param name="Name">The environment variable, e.g. STRIPE_KEY.</param>
/// <param name="Store">Secrets Manager or Parameter Store.</param>
/// <param name="Source">The secret's ARN, or the parameter's name (<c>/team/api/key</c>).</param>
/// <param name="Region">The region the secret lives in, or null for the stack's own region.</param>
public sealed record SecretReference(string Name, SecretStore Store, string Source, string? Region);

/// <summary>What runs on the instances: the team's container image (or, without one, the built-in
/// sample), its port, environment, secrets and command, and the ECR repository every region holds.</summary>
/// <param name="Image">The image, or null for the built-in sample service.</param>
/// <param name="Port">The port the service listens on (the container's port).</param>
/// <param name="Environment">Non-secret variables, in configuration order.</param>
/// <param name="Secrets">Secrets injected at start.</param>
/// <param name="Command">Arguments that replace the image's command, or empty for the image's own.</param>
/// <param name="Repository">The ECR repository each regional stack creates (the primary's is pushed to
/// and replicates to the others).</param>
/// <param name="LogRetentionDays">Days the service's CloudWatch logs are kept.</param>
/// <param name="MetricsPath">The path the service serves its Prometheus metrics on (on app.port), or null
/// when it serves none: then only the host's metrics are collected.</param>
public sealed partial record ServiceSettings(
    ImageReference? Image,
    int Port,
    IReadOnlyList<EnvironmentVariable> Environment,
    IReadOnlyList<SecretReference> Secrets,
    IReadOnlyList<string> Command,
    string Repository,
    int LogRetentionDays,
    string? MetricsPath = null)
{
    public const string MetricsPathKey = "app.metricsPath";

    /// <summary>Variables the instances set themselves (from the stack's parameters and its identity);
    /// configuration may not redefine them, nor the AWS SDK's credential variables (the role provides those).</summary>
    public static IReadOnlyCollection<string> ReservedNames { get; } =
        ServiceParameters.All.Select(p => p.EnvironmentVariable)
            .Concat(ServiceParameters.InstanceVariables.Select(v => v.Name))
            .Concat(new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE" })
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads the app.* keys; the repository is named after the project unless configured.</summary>
    public static ServiceSettings Read(ConfigReader config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var project = config.Project;
        ImageReference? image = null;
        var imageText = config.Raw("app.image");
        if (imageText is not null)
        {
            image = ImageReference.TryParse(imageText, out var problem);
            if (image is null)
                config.Error("app.image", imageText, problem!, "allowed: an OCI image reference with a tag or digest, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2 or ghcr.io/team/api@sha256:<64 hex digits>");
        }
        var port = config.Int("app.port", 8080, 1024, 65535);
        var environment = ReadEnvironment(config);
        var secrets = ReadSecrets(config);
        foreach (var duplicate in environment.Select(e => e.Name).Concat(secrets.Select(s => s.Name)).GroupBy(n => n).Where(g => g.Count() > 1))
            config.Error("app.environment", duplicate.Key, "is defined more than once (in app.environment and app.secrets together)", "allowed: each variable once");
        var command = config.StringList("app.command", Array.Empty<string>());
        foreach (var argument in command.Where(a => a.Length == 0 || a.Any(char.IsControl)))
            config.Error("app.command", argument, "is empty or has a control character", "allowed: a list of non-empty, single-line arguments");
        var repository = config.String("app.repository", project, r => RepositoryName().IsMatch(r) && r.Length is >= 2 and <= 256,
            "allowed: an ECR repository name: lower-case letters, digits and '.', '_', '-', '/' separators, 2 to 256 characters");
        // Only the project's repository is replicated to every region; an image elsewhere in ECR would
        // make each region's scale-out depend on that one registry.
        if (image?.Ecr is not null && image.Repository != repository)
            config.Error("app.image", imageText, $"is in the ECR repository '{image.Repository}', not in this project's repository '{repository}', which every region holds a replica of",
                $"allowed: an image pushed to the '{repository}' repository of the primary region's registry, or app.repository set to '{image.Repository}'");
        var logRetention = config.IntOneOf("app.logRetentionDays", 30, RegionalSettings.LogRetentionDays.ToList());
        var metricsPath = config.OptionalString(MetricsPathKey, p => MetricsPathPattern().IsMatch(p),
            "allowed: an absolute URL path without a query, such as /metrics");
        return new ServiceSettings(image, port, environment, secrets, command, repository, logRetention, metricsPath);
    }

    private static List<EnvironmentVariable> ReadEnvironment(ConfigReader config)
    {
        var variables = new List<EnvironmentVariable>();
        foreach (var entry in config.StringList("app.environment", Array.Empty<string>()))
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var name = separator > 0 ? entry[..separator] : entry;
            var value = separator > 0 ? entry[(separator + 1)..] : "";
            if (separator <= 0 || !VariableName().IsMatch(name))
                config.Error("app.environment", entry, "is not a NAME=value pair with a valid variable name", "allowed: NAME=value, NAME of letters, digits and _, not starting with a digit");
            else if (ReservedNames.Contains(name))
                config.Error("app.environment", name, "is set by the instances themselves", $"allowed: names other than {string.Join(", ", ReservedNames.Order(StringComparer.Ordinal))}");
            else if (SecretLooking().IsMatch(name))
                config.Error("app.environment", name, "looks like a secret, and app.environment is written in plain text into the launch template",
                    "allowed: keep the value in Secrets Manager or an SSM SecureString and name it in app.secrets (NAME=<secret ARN or /parameter/name>)");
            else if (value.Any(char.IsControl) || value.Length > 4096)
                config.Error("app.environment", name, "has a value with a line break or control character, or longer than 4096 characters", "allowed: a single line of at most 4096 characters");
            else
                variables.Add(new EnvironmentVariable(name, value));
        }
        return variables;
    }

    private static List<SecretReference> ReadSecrets(ConfigReader config)
    {
        var secrets = new List<SecretReference>();
        foreach (var entry in config.StringList("app.secrets", Array.Empty<string>()))
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var name = separator > 0 ? entry[..separator] : entry;
            var source = separator > 0 ? entry[(separator + 1)..] : "";
            if (separator <= 0 || !VariableName().IsMatch(name))
            {
                config.Error("app.secrets", entry, "is not a NAME=source pair with a valid variable name", "allowed: NAME=<Secrets Manager secret ARN> or NAME=<SSM parameter name or ARN>");
                continue;
            }
            if (ReservedNames.Contains(name))
            {
                config.Error("app.secrets", name, "is set by the instances themselves", "allowed: another variable name");
                continue;
            }
            if (SecretsManagerArn().Match(source) is { Success: true } secret)
                secrets.Add(new SecretReference(name, SecretStore.SecretsManager, source, secret.Groups["region"].Value));
            else if (ParameterArn().Match(source) is { Success: true } parameter)
                secrets.Add(new SecretReference(name, SecretStore.ParameterStore, source, parameter.Groups["region"].Value));
            else if (ParameterName().IsMatch(source))
                secrets.Add(new SecretReference(name, SecretStore.ParameterStore, source, null));
            else
                config.Error("app.secrets", entry, "does not name a secret",
                    "allowed: a Secrets Manager ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), an SSM parameter ARN, or an SSM parameter name starting with /");
        }
        return secrets;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^/[A-Za-z0-9._~/-]{0,255}$")]
    private static partial Regex MetricsPathPattern();

    [GeneratedRegex("(?i)(password|passwd|secret|token|api_?key|private_?key|credential)")]
    private static partial Regex SecretLooking();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:secretsmanager:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]):[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$")]
    private static partial Regex SecretsManagerArn();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:ssm:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]):[0-9]{12}:parameter/[A-Za-z0-9/_.-]{1,1011}$")]
    private static partial Regex ParameterArn();

    [GeneratedRegex("^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,14}$")]
    private static partial Regex ParameterName();

    [GeneratedRegex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();
}
