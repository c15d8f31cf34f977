using System.Collections.Immutable;
using System.Text.Json;

namespace MultiRegionInfra.Tests.Support;

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

    private static List<string> Texts(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().Select(e => e.GetString()!).ToList()
        : new List<string> { element.GetString()! };
}
