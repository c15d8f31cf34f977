using Pulumi;

namespace MultiRegionInfra.Configuration;

/// <summary>A stack's configuration is invalid; the message lists every problem.</summary>
public sealed class ConfigurationException : RunException
{
    public ConfigurationException(string stack, IReadOnlyList<string> errors)
        : base(Format(stack, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    public static string Format(string stack, IReadOnlyList<string> errors) =>
        $"stack '{stack}' has {errors.Count} configuration error{(errors.Count == 1 ? "" : "s")}:\n" +
        string.Join("\n", errors.Select(e => $"  - {e}"));
}
