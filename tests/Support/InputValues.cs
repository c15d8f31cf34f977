using System.Collections.Immutable;
using System.Text.Json;

namespace MultiRegionInfra.Tests.Support;

/// <summary>One statement of an IAM, KMS key or SNS topic policy, read back from its JSON.</summary>
/// <param name="Conditions">By operator (StringEquals, ArnLike, ...), the condition keys and their values.</param>
public sealed record PolicyStatement(string? Sid, string Effect, IReadOnlyList<string> AwsPrincipals, IReadOnlyList<string> ServicePrincipals,
    IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions)
{
    /// <summary>The values a condition operator requires of a key; empty when the statement has no such condition.</summary>
    public IReadOnlyList<string> Condition(string op, string key) =>
        Conditions.GetValueOrDefault(op)?.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).Value ?? Array.Empty<string>();
}

/// <summary>Reading registered inputs the way the mock monitor hands them over: maps, lists, JSON documents.</summary>
public static class InputValues
{
    public static IReadOnlyDictionary<string, object?> Map(object? value) => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);

    public static IReadOnlyList<object?> List(object? value) => Assert.IsType<ImmutableArray<object?>>(value);

    public static IReadOnlyList<string> Strings(object? value) => List(value).Select(v => Assert.IsType<string>(v)).ToList();

    /// <summary>An IAM policy's statements, by Sid: actions and resources.</summary>
    public static IReadOnlyDictionary<string, (IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)> Statements(object? policy)
    {
        using var document = JsonDocument.Parse(Assert.IsType<string>(policy));
        return document.RootElement.GetProperty("Statement").EnumerateArray().ToDictionary(
            s => s.GetProperty("Sid").GetString()!,
            s => ((IReadOnlyList<string>)Texts(s.GetProperty("Action")), (IReadOnlyList<string>)Texts(s.GetProperty("Resource"))));
    }

    /// <summary>Every statement of a policy document, with its principals and conditions.</summary>
    public static IReadOnlyList<PolicyStatement> PolicyStatements(object? policy)
    {
        using var document = JsonDocument.Parse(Assert.IsType<string>(policy));
        return document.RootElement.GetProperty("Statement").EnumerateArray().Select(s =>
        {
            var principal = s.TryGetProperty("Principal", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
            IReadOnlyList<string> Principals(string kind) =>
                principal is { } value && value.TryGetProperty(kind, out var named) ? Texts(named) : Array.Empty<string>();
            var conditions = s.TryGetProperty("Condition", out var c)
                ? c.EnumerateObject().ToDictionary(op => op.Name,
                    op => (IReadOnlyDictionary<string, IReadOnlyList<string>>)op.Value.EnumerateObject().ToDictionary(k => k.Name, k => (IReadOnlyList<string>)Texts(k.Value)))
                : new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
            return new PolicyStatement(
                s.TryGetProperty("Sid", out var sid) ? sid.GetString() : null,
                s.GetProperty("Effect").GetString()!,
                Principals("AWS"), Principals("Service"),
                Texts(s.GetProperty("Action")),
                s.TryGetProperty("Resource", out var resource) ? Texts(resource) : Array.Empty<string>(),
                conditions);
        }).ToList();
    }

    private static List<string> Texts(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().Select(e => e.GetString()!).ToList()
        : new List<string> { element.GetString()! };
}
