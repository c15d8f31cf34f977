using System.Globalization;
using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Monitoring;

/// <summary>A JSON field a check's answer must hold: present (not null), and when <paramref name="Expected"/>
/// is set, with that value (compared as text).</summary>
public sealed record JsonExpectation(string Path, string? Expected);

/// <summary>One request a canary makes and what it expects back. Everything here is written into the
/// canary's script, in plain text: nothing secret belongs in a check.</summary>
/// <param name="Name">The step's name, unique among the checks (lower-case letters, digits, '-').</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, starting with '/'.</param>
/// <param name="Headers">Request headers, by name.</param>
/// <param name="Body">The request body (POST, PUT and PATCH only), or null.</param>
/// <param name="Status">The status code expected.</param>
/// <param name="Json">JSON fields the body must hold.</param>
/// <param name="Text">Text the body must contain, or null.</param>
/// <param name="LatencyMs">The longest the answer may take, in milliseconds.</param>
public sealed partial record CanaryCheck(string Name, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Body, int Status,
    IReadOnlyList<JsonExpectation> Json, string? Text, int LatencyMs)
{
    public static readonly IReadOnlyList<string> Methods = new[] { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };

    public static readonly IReadOnlyList<string> Keys = new[] { "name", "method", "path", "headers", "body", "status", "json", "text", "latencyMs" };

    /// <summary>The check of the health path every canary makes.</summary>
    public const string HealthName = "health";

    public const int MaxLatencyMs = 60_000;

    /// <summary>A GET of the health path, expecting 200.</summary>
    public static CanaryCheck Health(string path, int latencyMs) =>
        new(HealthName, "GET", path, new SortedDictionary<string, string>(StringComparer.Ordinal), null, 200, Array.Empty<JsonExpectation>(), null, latencyMs);

    /// <summary>When the script gives up on an answer: twice the latency limit, at least a second. A
    /// check already fails past its limit; this only keeps a hung endpoint from holding the run.</summary>
    public int TimeoutMs => Math.Max(2 * LatencyMs, 1000);

    /// <summary>A step name from the method and path, when a check has none: <c>GET /api/status?x=1</c> →
    /// <c>get-api-status-x-1</c>, at most 40 characters.</summary>
    public static string DerivedName(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var name = Naming.ResourceNames.Join(method, path).TrimEnd('-');
        return name.Length <= 40 ? name : name[..40].TrimEnd('-');
    }

    /// <summary>Reads the checks of <paramref name="key"/>, one YAML flow mapping per entry, e.g.
    /// <c>{method: GET, path: /api/status, json: {status: ok}, latencyMs: 800}</c>. Every problem of every
    /// entry is reported to <paramref name="config"/>; the valid checks are returned.</summary>
    public static IReadOnlyList<CanaryCheck> ReadAll(ConfigReader config, string key, IReadOnlyList<string> entries, int defaultLatencyMs)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(entries);
        var checks = new List<CanaryCheck>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var number = i + 1;
            var check = Parse(entry, defaultLatencyMs, (problem, allowed) => config.Error(key, entry, $"(check {number}) {problem}", allowed));
            if (check is not null)
                checks.Add(check);
        }
        foreach (var duplicate in checks.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key))
            config.Error(key, duplicate, "names more than one check", "allowed: a distinct name per check (set name: on the checks whose method and path agree)");
        if (checks.Any(c => c.Name == HealthName))
            config.Error(key, HealthName, "is the name of the health path's check, which every canary makes", "allowed: another name");
        return checks;
    }

    /// <summary>One check from its YAML flow mapping, or null after reporting every problem to <paramref name="error"/>
    /// (problem, allowed).</summary>
    public static CanaryCheck? Parse(string entry, int defaultLatencyMs, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(error);
        YamlMappingNode mapping;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(entry));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                error("is not a mapping", "allowed: a YAML flow mapping such as {method: GET, path: /api/status, status: 200}");
                return null;
            }
            mapping = root;
        }
        catch (YamlException exception)
        {
            error($"is not valid YAML ({exception.Message.Trim()})", "allowed: a YAML flow mapping such as {method: GET, path: /api/status, status: 200}");
            return null;
        }

        var problems = 0;
        void Problem(string problem, string allowed)
        {
            problems++;
            error(problem, allowed);
        }
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(key))
            {
                var suggestion = ConfigReader.Suggest(key, Keys);
                Problem($"has an unknown key '{key}'", suggestion is null ? $"allowed: {string.Join(", ", Keys)}" : $"did you mean '{suggestion}'?");
            }
            else if (!values.TryAdd(key, value))
            {
                Problem($"has the key '{key}' twice", "allowed: each key once");
            }
        }

        string? Scalar(string key)
        {
            if (!values.TryGetValue(key, out var node))
                return null;
            if (node is YamlScalarNode scalar)
                return scalar.Value ?? "";
            Problem($"has a {key} that is not a single value", $"allowed: {key}: <value>");
            return null;
        }

        int? Number(string key, int min, int max)
        {
            var value = Scalar(key);
            if (value is null)
                return null;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
                return number;
            Problem($"has {key} '{value}'", $"allowed: an integer from {min} to {max}");
            return null;
        }

        var method = (Scalar("method") ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method))
            Problem($"has method '{method}'", $"allowed: {string.Join(", ", Methods)}");

        var path = Scalar("path");
        if (path is null)
            Problem("has no path", "allowed: path: /api/status (starting with '/', no spaces)");
        else if (!RequestPath().IsMatch(path))
            Problem($"has path '{path}'", "allowed: a path and query starting with '/', up to 1024 characters, without spaces, control characters or '#'");

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (values.TryGetValue("headers", out var headerNode))
        {
            if (headerNode is not YamlMappingNode headerMap)
            {
                Problem("has headers that are not a mapping", "allowed: headers: {Accept: application/json}");
            }
            else
            {
                foreach (var (nameNode, valueNode) in headerMap.Children)
                {
                    var header = (nameNode as YamlScalarNode)?.Value ?? "";
                    var value = (valueNode as YamlScalarNode)?.Value;
                    if (!HeaderName().IsMatch(header))
                        Problem($"has the header name '{header}'", "allowed: a token of letters, digits and !#$%&'*+-.^_`|~");
                    else if (ReservedHeaders.Contains(header.ToLowerInvariant()) || header.StartsWith(Security.OriginSecret.HeaderPrefix, StringComparison.OrdinalIgnoreCase))
                        Problem($"sets the header '{header}', which the canary sets itself", $"allowed: headers other than {string.Join(", ", ReservedHeaders)} and {Security.OriginSecret.HeaderPrefix}*");
                    else if (CredentialLooking().IsMatch(header))
                        Problem($"sets the header '{header}', which looks like a credential, and checks are written in plain text into the canary's script",
                            "allowed: headers that carry no secret; check an authenticated path through a test account's public behaviour instead");
                    else if (value is null || value.Any(char.IsControl) || value.Length > 1024)
                        Problem($"has a value for the header '{header}' that is not one line of at most 1024 characters", "allowed: a single-line text value");
                    else if (!headers.TryAdd(header, value))
                        Problem($"sets the header '{header}' twice", "allowed: each header once");
                }
            }
        }

        var body = Scalar("body");
        if (body is not null && method is not ("POST" or "PUT" or "PATCH"))
            Problem($"has a body with method {method}", "allowed: a body only with POST, PUT or PATCH");
        else if (body is not null && body.Length > 4096)
            Problem("has a body longer than 4096 characters", "allowed: at most 4096 characters");

        var status = Number("status", 100, 599) ?? 200;

        var json = new List<JsonExpectation>();
        if (values.TryGetValue("json", out var jsonNode))
        {
            switch (jsonNode)
            {
                case YamlScalarNode field:
                    json.Add(new JsonExpectation(field.Value ?? "", null));
                    break;
                case YamlMappingNode fields:
                    foreach (var (fieldNode, expectedNode) in fields.Children)
                    {
                        if (expectedNode is YamlScalarNode expected)
                            json.Add(new JsonExpectation((fieldNode as YamlScalarNode)?.Value ?? "", expected.Value ?? ""));
                        else
                            Problem($"expects a JSON field '{(fieldNode as YamlScalarNode)?.Value}' to equal something other than a single value", "allowed: json: {field: value}");
                    }
                    break;
                default:
                    Problem("has json that is neither a field nor a mapping of fields to values", "allowed: json: status, or json: {status: ok, items.0.id: 1}");
                    break;
            }
            foreach (var expectation in json.Where(j => !JsonPath().IsMatch(j.Path)))
                Problem($"names the JSON field '{expectation.Path}'", "allowed: a dotted path of names and array indices, e.g. items.0.id");
        }

        var text = Scalar("text");
        if (text is not null && (text.Length is 0 or > 256 || text.Any(char.IsControl)))
            Problem($"has text '{text}'", "allowed: 1 to 256 characters on one line");

        var latency = Number("latencyMs", 1, MaxLatencyMs) ?? defaultLatencyMs;

        var name = Scalar("name");
        if (name is not null && !StepName().IsMatch(name))
            Problem($"has the name '{name}'", "allowed: 1 to 40 lower-case letters, digits and '-', starting with a letter");

        if (problems > 0 || path is null)
            return null;
        return new CanaryCheck(name ?? DerivedName(method, path), method, path, headers, body, status, json, text, latency);
    }

    /// <summary>Headers the canary (or the HTTP client) sets itself.</summary>
    private static readonly IReadOnlyList<string> ReservedHeaders = new[] { "host", "content-length", "transfer-encoding", "connection" };

    [GeneratedRegex(@"^/[^\s#\p{C}]{0,1023}$")]
    private static partial Regex RequestPath();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$")]
    private static partial Regex HeaderName();

    [GeneratedRegex("(?i)(authorization|cookie|password|passwd|secret|token|api[_-]?key|private[_-]?key|credential|session)")]
    private static partial Regex CredentialLooking();

    [GeneratedRegex(@"^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$")]
    private static partial Regex JsonPath();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex StepName();
}
