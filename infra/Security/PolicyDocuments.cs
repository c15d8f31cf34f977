using System.Text.Json;

namespace MultiRegionInfra;

/// <summary>IAM policy documents as JSON, built from data so a test can read them back.</summary>
public static class PolicyDocuments
{
    /// <summary>A trust policy letting one AWS service assume a role.</summary>
    public static string AssumeRole(string service) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new { Effect = "Allow", Principal = new { Service = service }, Action = "sts:AssumeRole" },
        },
    });

    /// <summary>A policy allowing exactly these actions on exactly these resources.</summary>
    public static string Allow(IReadOnlyList<string> actions, IReadOnlyList<string> resources) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new { Effect = "Allow", Action = actions, Resource = resources },
        },
    });
}
