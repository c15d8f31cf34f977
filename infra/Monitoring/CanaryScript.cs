using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiRegionInfra.Monitoring;

/// <summary>One request of a run, as the script makes it: a check on one target.</summary>
public sealed record CanaryStep(string Name, string Method, string Url, IReadOnlyDictionary<string, string> Headers,
    string? Body, int Status, IReadOnlyList<JsonExpectation> Json, string? Text, int LatencyMs, int TimeoutMs);

/// <summary>What the script of one canary does: its steps in order.</summary>
public sealed record CanaryScriptConfig(string Canary, IReadOnlyList<CanaryStep> Steps);

/// <summary>The canary's code: the fixed script <c>api-checks.js</c> (an embedded resource of this
/// assembly) and the generated <c>api-checks.json</c> it reads, in a zip laid out as Synthetics' Node.js
/// runtimes expect (<c>nodejs/node_modules/</c>). The checks are data, never code, and hold no secret.
/// The provider takes the zip as a local file (the canary's zipFile input, read when the canary is created
/// or updated), so the program writes it, under a name holding its content's hash: a change of the checks
/// is a change of the input, and an unchanged zip is the same input on every run.</summary>
public static class CanaryScript
{
    public const string FileName = "api-checks";

    /// <summary>The canary's handler: the script's module and its exported function.</summary>
    public const string Handler = FileName + ".handler";

    private const string Folder = "nodejs/node_modules/";

    /// <summary>The zip's entries' time: fixed, so the same content makes the same bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The fixed script.</summary>
    public static string Source { get; } = ReadSource();

    /// <summary>Each target's checks that reach the API there, in target order, each named
    /// &lt;target&gt;-&lt;check&gt;.</summary>
    public static IReadOnlyList<CanaryStep> Steps(IReadOnlyList<CanaryTarget> targets, IReadOnlyList<CanaryCheck> checks, Func<CanaryTarget, CanaryCheck, bool> reaches)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(reaches);
        return targets.SelectMany(target => checks.Where(check => reaches(target, check)).Select(check => new CanaryStep(
                $"{target.Name}-{check.Name}", check.Method, target.BaseUrl + check.Path, check.Headers, check.Body, check.Status,
                check.Json, check.Text, check.LatencyMs, check.TimeoutMs)))
            .ToList();
    }

    /// <summary>api-checks.json.</summary>
    public static string ConfigJson(CanaryScriptConfig config) => JsonSerializer.Serialize(config, Json) + "\n";

    /// <summary>The zip of the script and its configuration: stored (not compressed) entries with a fixed time
    /// and read permission for everyone, so the bytes depend on the content alone.</summary>
    public static byte[] Zip(string configJson)
    {
        ArgumentNullException.ThrowIfNull(configJson);
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { (FileName + ".js", Source), (FileName + ".json", configJson) })
            {
                var entry = archive.CreateEntry(Folder + name, CompressionLevel.NoCompression);
                entry.LastWriteTime = EntryTime;
                // A regular file, rw-r--r--: Lambda must be able to read what it unpacks.
                entry.ExternalAttributes = Convert.ToInt32("100644", 8) << 16;
                using var writer = entry.Open();
                writer.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return stream.ToArray();
    }

    /// <summary>Writes a canary's zip into <paramref name="directory"/> as &lt;canary&gt;-&lt;hash&gt;.zip and returns its
    /// full path; an existing file of that name already holds these bytes.</summary>
    public static string Write(string directory, string canaryName, byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var hash = Convert.ToHexString(SHA256.HashData(zip))[..16].ToLowerInvariant();
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, $"{canaryName}-{hash}.zip"));
        if (!File.Exists(path))
        {
            // Written beside it, then renamed: a reader never sees half a file.
            var partial = $"{path}.{Guid.NewGuid():N}.partial";
            File.WriteAllBytes(partial, zip);
            File.Move(partial, path, overwrite: true);
        }
        return path;
    }

    /// <summary>Where the program writes the zips: a folder of the system's temporary directory.</summary>
    public static string DefaultDirectory(string application) => Path.Combine(Path.GetTempPath(), $"{application}-canaries");

    /// <summary>The configuration inside a zip the program wrote (for tests and inspection).</summary>
    public static string ReadConfigJson(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entry = archive.GetEntry(Folder + FileName + ".json") ?? throw new InvalidDataException($"the zip has no {Folder}{FileName}.json");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string ReadSource()
    {
        using var stream = typeof(CanaryScript).Assembly.GetManifestResourceStream("MultiRegionInfra.Monitoring.api-checks.js")
            ?? throw new InvalidOperationException("the assembly lacks its embedded api-checks.js");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
