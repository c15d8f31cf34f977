using System.IO.Compression;
using System.Text.Json;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The canary's code: which check reaches which target, the zip Synthetics gets, and the script
/// itself, run under Node.js against a local server with stand-ins for the Synthetics runtime.</summary>
public class CanaryScriptTests
{
    private static CanaryCheck Check(string path, string? name = null, int status = 200, int latencyMs = 500, string? text = null, params JsonExpectation[] json) =>
        new(name ?? CanaryCheck.DerivedName("GET", path), "GET", path, new SortedDictionary<string, string>(StringComparer.Ordinal), null, status, json, text, latencyMs);

    [Theory]
    // target, edge, method, path, reaches (the region's health path is /health)
    // api.<domain> takes every request; a region's own name reads only, as every region target does: it
    // pins a region the routing may have taken out, where a write would diverge.
    [InlineData("api", EdgeKind.None, "DELETE", "/api/orders/1", true)]
    [InlineData("region", EdgeKind.None, "GET", "/anything", true)]
    [InlineData("region", EdgeKind.None, "POST", "/anything", false)]
    // Behind an edge a region's probe takes reads only: it pins a region the routing may have taken out.
    [InlineData("region", EdgeKind.CloudFront, "GET", "/index.html", true)]
    [InlineData("region", EdgeKind.CloudFront, "HEAD", "/health", true)]
    [InlineData("region", EdgeKind.CloudFront, "POST", "/api/orders", false)]
    [InlineData("region", EdgeKind.Cloudflare, "GET", "/api/status", true)]
    [InlineData("region", EdgeKind.Cloudflare, "PUT", "/api/orders/1", false)]
    // CloudFront's health path has an uncached behaviour of its own to the API: GET and HEAD.
    [InlineData("edge", EdgeKind.CloudFront, "GET", "/health", true)]
    [InlineData("edge", EdgeKind.CloudFront, "HEAD", "/health", true)]
    [InlineData("edge", EdgeKind.CloudFront, "GET", "/health?deep=1", true)]
    [InlineData("edge", EdgeKind.CloudFront, "POST", "/health", false)]
    [InlineData("edge", EdgeKind.CloudFront, "GET", "/health/deep", false)]
    // /api/* reaches the regions uncached with every method; anything else takes the default behaviour
    // (the buckets, or the regions' answers from the cache), assets or not.
    [InlineData("edge", EdgeKind.CloudFront, "GET", "/api/status", true)]
    [InlineData("edge", EdgeKind.CloudFront, "POST", "/api/orders", true)]
    [InlineData("edge", EdgeKind.CloudFront, "GET", "/api", false)]
    [InlineData("edge", EdgeKind.CloudFront, "GET", "/ready", false)]
    [InlineData("edge", EdgeKind.CloudFront, "POST", "/ready", false)]
    // Cloudflare sends every request to the regions.
    [InlineData("edge", EdgeKind.Cloudflare, "POST", "/ready", true)]
    public void A_check_reaches_the_api_where_the_edge_sends_it_uncached(string target, EdgeKind edge, string method, string path, bool reaches) =>
        Assert.Equal(reaches, CanaryTargets.Reaches(target, edge, method, path, "/health"));

    [Theory]
    // tolerance (the budget's API path), run interval, failing runs, out of runs
    [InlineData(90, 300, 2, 3)]      // shorter than a run: the usual 2 of 3
    [InlineData(90, 60, 3, 4)]       // 90 s spans 2 runs of a minute: the third failing one fires
    [InlineData(990, 300, 5, 6)]     // active-passive's plan: 4 runs, then the fifth
    [InlineData(1530, 300, 7, 8)]
    [InlineData(86400, 60, 1440, 1440)] // at most a day of periods
    public void The_system_alarm_tolerates_failures_for_as_long_as_failover_is_budgeted(int tolerance, int interval, int failing, int runs) =>
        Assert.Equal((failing, runs), CanaryThresholds.SystemRuns(tolerance, interval));

    /// <summary>A health path under /api/ has no behaviour of its own: /api/* takes it, with every method.</summary>
    [Fact]
    public void A_health_path_under_api_goes_where_api_paths_go()
    {
        Assert.Empty(MultiRegionInfra.Global.CloudFrontEdge.HealthPathPatterns(new[] { "/api/health" }));
        Assert.True(CanaryTargets.Reaches("edge", EdgeKind.CloudFront, "POST", "/api/health", "/api/health"));
    }

    [Theory]
    // Behind an edge the load balancers admit only the edge's servers and the health checkers: the edge is
    // called, and the region through the edge's probe for it, which reaches that region alone.
    [InlineData(EdgeKind.CloudFront, "region=https://example.com/_regions/us-east,edge=https://example.com")]
    [InlineData(EdgeKind.Cloudflare, "region=https://probe-us-east.example.com,edge=https://example.com")]
    [InlineData(EdgeKind.None, "region=https://us-east.api.example.com,api=https://api.example.com")]
    public void What_a_canary_calls_depends_on_the_edge(EdgeKind edge, string targets) =>
        Assert.Equal(targets.Split(','), CanaryTargets.For(edge, "example.com", "us-east", "us-east.api.example.com").Select(t => $"{t.Name}={t.BaseUrl}"));

    [Fact]
    public void The_zip_holds_the_script_and_its_checks_where_the_nodejs_runtimes_look_and_depends_on_its_content_alone()
    {
        var json = CanaryScript.ConfigJson(new CanaryScriptConfig("api-us-east", Array.Empty<CanaryStep>()));
        var zip = CanaryScript.Zip(json);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(new[] { "nodejs/node_modules/api-checks.js", "nodejs/node_modules/api-checks.json" }, archive.Entries.Select(e => e.FullName));
            Assert.All(archive.Entries, e => Assert.Equal(Convert.ToUInt32("100644", 8), (uint)e.ExternalAttributes >> 16));
            using var reader = new StreamReader(archive.GetEntry("nodejs/node_modules/api-checks.js")!.Open());
            Assert.Equal(CanaryScript.Source, reader.ReadToEnd());
        }
        Assert.Equal(json, CanaryScript.ReadConfigJson(zip));
        Assert.Equal(zip, CanaryScript.Zip(json));
        Assert.NotEqual(zip, CanaryScript.Zip(json.Replace("api-us-east", "api-eu-west", StringComparison.Ordinal)));
        Assert.Contains("exports.handler = async () =>", CanaryScript.Source, StringComparison.Ordinal);
        Assert.Equal("api-checks.handler", CanaryScript.Handler);

        var directory = Path.Combine(Path.GetTempPath(), $"mri-canary-zip-{Guid.NewGuid():N}");
        try
        {
            var path = CanaryScript.Write(directory, "api-us-east", zip);
            Assert.Equal(path, CanaryScript.Write(directory, "api-us-east", zip));
            Assert.Equal(zip, File.ReadAllBytes(path));
            Assert.Matches(@"api-us-east-[0-9a-f]{16}\.zip$", path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Steps_are_each_targets_reaching_checks_in_order()
    {
        var targets = CanaryTargets.For(EdgeKind.None, "example.com", "eu-west", "eu-west.api.example.com");
        var checks = new[] { CanaryCheck.Health("/health", 500), Check("/api/status", latencyMs: 300), Check("/internal/ping") };
        var steps = CanaryScript.Steps(targets, checks, (t, c) => t.Name == CanaryTargets.Region || c.Path != "/internal/ping");
        Assert.Equal(new[]
        {
            ("region-health", "https://eu-west.api.example.com/health"),
            ("region-get-api-status", "https://eu-west.api.example.com/api/status"),
            ("region-get-internal-ping", "https://eu-west.api.example.com/internal/ping"),
            ("api-health", "https://api.example.com/health"),
            ("api-get-api-status", "https://api.example.com/api/status"),
        }, steps.Select(s => (s.Name, s.Url)));
        Assert.Equal(new[] { 1000, 1000, 1000, 1000, 1000 }, steps.Select(s => s.TimeoutMs));
        Assert.Equal(500 + 300 + 500 + 500 + 300 + CanarySettings.SetupAllowanceMs, CanaryThresholds.DurationMs(steps));
    }

    /// <summary>Loads the script with stand-ins: Synthetics' step API and logger, and https routed to a local HTTP
    /// server; prints what happened as JSON.</summary>
    private const string Harness = """
        'use strict';
        const Module = require('module');
        const http = require('http');
        const https = require('https');
        const report = { steps: [], received: [], logs: [] };
        const stubs = {
          Synthetics: {
            executeStep: async (name, fn, config) => {
              const step = { name, config, passed: false };
              report.steps.push(step);
              await fn();
              step.passed = true;
            },
          },
          SyntheticsLogger: { info: (m) => report.logs.push(m), error: (m) => report.logs.push(m) },
        };
        const load = Module._load;
        Module._load = function (request, parent, isMain) { return stubs[request] || load.apply(this, arguments); };
        const server = http.createServer((request, response) => {
          report.received.push({ method: request.method, url: request.url, headers: request.headers });
          const answer = (status, body, delay) => setTimeout(() => { response.writeHead(status, { 'content-type': 'application/json' }); response.end(body); }, delay || 0);
          if (request.url === '/health') answer(200, '{"status":"ok"}');
          else if (request.url === '/api/status') answer(200, '{"status":"degraded","items":[{"id":7}]}');
          else if (request.url === '/slow') answer(200, 'all good', 400);
          else answer(404, 'not here');
        });
        server.listen(0, '127.0.0.1', async () => {
          const port = server.address().port;
          https.request = (url, options, callback) => {
            const target = new URL(url);
            return http.request({ host: '127.0.0.1', port, path: target.pathname + target.search, method: options.method, headers: options.headers, timeout: options.timeout }, callback);
          };
          try {
            await require(process.argv[2]).handler();
            report.error = null;
          } catch (error) {
            report.error = error.message;
          }
          server.close();
          console.log(JSON.stringify(report));
        });
        """;

    private static JsonElement RunScript(CanaryScriptConfig config)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mri-canary-run-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "api-checks.js"), CanaryScript.Source);
            File.WriteAllText(Path.Combine(directory, "api-checks.json"), CanaryScript.ConfigJson(config));
            File.WriteAllText(Path.Combine(directory, "harness.js"), Harness);
            var output = NodeScript.Run(new[] { Path.Combine(directory, "harness.js"), Path.Combine(directory, "api-checks.js") }, input: null, "the canary script");
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_script_runs_every_check_reports_each_failure_and_sends_each_checks_headers()
    {
        var target = new CanaryTarget("region", "https://us-east.api.example.com");
        var edge = new CanaryTarget("edge", "https://example.com");
        var status = Check("/api/status", json: new[] { new JsonExpectation("status", "ok"), new JsonExpectation("items.0.id", "7"), new JsonExpectation("missing", null) });
        var checks = new[]
        {
            CanaryCheck.Health("/health", 5000),
            status with { Headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["x-canary"] = "api-us-east" } },
            Check("/slow", latencyMs: 100, text: "all good") with { Headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["User-Agent"] = "probe/2" } },
            Check("/gone", status: 404, text: "not here"),
        };
        var steps = CanaryScript.Steps(new[] { target, edge }, checks, (t, c) => t.Name == "region" || c.Path == "/health");
        var report = RunScript(new CanaryScriptConfig("api-us-east", steps));

        // Every step ran, the failing ones too; screenshots are off.
        var ran = report.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(new[] { "region-health", "region-get-api-status", "region-get-slow", "region-get-gone", "edge-health" }, ran.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(new[] { true, false, false, true, true }, ran.Select(s => s.GetProperty("passed").GetBoolean()));
        Assert.All(ran, s => Assert.False(s.GetProperty("config").GetProperty("screenshotOnStepFailure").GetBoolean()));
        Assert.Equal("2 of 5 checks failed: region-get-api-status, region-get-slow", report.GetProperty("error").GetString());
        var logs = report.GetProperty("logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains("region-get-api-status: GET https://us-east.api.example.com/api/status: the JSON field status is \"degraded\", expected \"ok\"; the JSON field missing is missing", logs);
        Assert.Contains(logs, l => l.StartsWith("region-get-slow: GET https://us-east.api.example.com/slow: took ", StringComparison.Ordinal) && l.EndsWith(" ms, the limit is 100 ms", StringComparison.Ordinal));

        // Each request carries its check's headers and no other's; no header is logged.
        var received = report.GetProperty("received").EnumerateArray().ToList();
        Assert.Equal(new[] { "/health", "/api/status", "/slow", "/gone", "/health" }, received.Select(r => r.GetProperty("url").GetString()));
        Assert.Equal(new[] { null, "api-us-east", null, null, null },
            received.Select(r => r.GetProperty("headers").TryGetProperty("x-canary", out var value) ? value.GetString() : null));
        // And a User-Agent naming the canary (a web ACL's common rules block requests without one), unless the check sets its own.
        Assert.Equal(new[] { "multi-region-infra-canary/api-us-east", "multi-region-infra-canary/api-us-east", "probe/2", "multi-region-infra-canary/api-us-east", "multi-region-infra-canary/api-us-east" },
            received.Select(r => r.GetProperty("headers").GetProperty("user-agent").GetString()));
        Assert.DoesNotContain(logs, l => l.Contains("x-canary", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_whose_checks_all_pass_passes()
    {
        var steps = CanaryScript.Steps(new[] { new CanaryTarget("api", "https://api.example.com") },
            new[] { CanaryCheck.Health("/health", 5000), Check("/api/status", latencyMs: 5000, json: new JsonExpectation("items.0.id", null)) }, (_, _) => true);
        var report = RunScript(new CanaryScriptConfig("api-eu-west", steps));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.All(report.GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("passed").GetBoolean()));
    }
}
