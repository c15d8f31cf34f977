using MultiRegionInfra.Configuration;
using MultiRegionInfra.Monitoring;
using MultiRegionInfra.Tests.Support;
using Pulumi;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The canary.* keys: their defaults, their arithmetic, and every problem they can have, reported
/// together with the key, the value and what is allowed, before anything is registered.</summary>
public class CanarySettingsTests
{
    private const string P = "multi-region-infra";

    private static (GlobalSettings? Settings, IReadOnlyList<string> Errors) Read(params (string Key, string? Value)[] changes)
    {
        var config = GlobalMocks.Config().With(("canary.enabled", null), ("rehearsal.enabled", null)).With(changes);
        config.Remove("aws:region");
        var reader = new ConfigReader(P, config);
        return (GlobalSettings.Read(reader, "global"), reader.Errors);
    }

    private static string Checks(params string[] checks) => System.Text.Json.JsonSerializer.Serialize(checks);

    [Theory]
    [InlineData("rate(1 minute)", 1, 43800, 60)]
    [InlineData("rate(5 minutes)", 5, 8760, 300)]
    [InlineData("rate(15 minutes)", 15, 2920, 840)]
    [InlineData("rate(60 minutes)", 60, 730, 840)]
    [InlineData("rate(1 hour)", 60, 730, 840)]
    public void A_rate_gives_the_interval_the_runs_a_month_and_the_longest_run(string expression, int minutes, int runsPerMonth, int runSeconds)
    {
        var schedule = Assert.IsType<CanarySchedule>(CanarySchedule.Parse(expression));
        Assert.Equal(minutes, schedule.IntervalMinutes);
        Assert.Equal(minutes * 60, schedule.IntervalSeconds);
        Assert.Equal(runsPerMonth, schedule.RunsPerMonth);
        Assert.Equal(runSeconds, schedule.RunTimeoutSeconds);
    }

    [Theory]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(0 minute)")]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("rate(61 minutes)")]
    [InlineData("rate(2 hours)")]
    [InlineData("rate(1 day)")]
    [InlineData("cron(0/5 * * * ? *)")]
    [InlineData("rate(5  minutes)")]
    [InlineData("5 minutes")]
    public void Anything_but_a_rate_from_a_minute_to_an_hour_is_refused(string expression) => Assert.Null(CanarySchedule.Parse(expression));

    [Theory]
    [InlineData("api", "us-east", "api-us-east", null)]
    [InlineData("api", "ap-southeast-2b", "api-ap-southeast-2b", null)]
    [InlineData("synthetics", "ap-southeast", "synthetics-ap-southeast", "is 23 characters long, more than the 21 a canary name may have")]
    [InlineData("api", "US-East", "api-US-East", "is not a canary name (lower-case letters, digits, '-' and '_' only)")]
    [InlineData("api", "us.east", "api-us.east", "is not a canary name (lower-case letters, digits, '-' and '_' only)")]
    public void A_canary_is_named_prefix_dash_stack_within_the_21_characters_synthetics_takes(string prefix, string stack, string name, string? problem)
    {
        Assert.Equal(name, CanarySettings.CanaryName(prefix, stack));
        Assert.Equal(problem, CanarySettings.NameProblem(name));
    }

    [Theory]
    [InlineData("syn-nodejs-puppeteer-13.0", 13)]
    [InlineData("syn-nodejs-puppeteer-9.1", 9)]
    [InlineData("syn-nodejs-playwright-2.0", null)]
    [InlineData("syn-python-selenium-6.0", null)]
    [InlineData("syn-nodejs-puppeteer-13", null)]
    public void The_runtime_is_a_node_puppeteer_runtime_with_a_major_version(string runtime, int? major) =>
        Assert.Equal(major, CanarySettings.RuntimeMajor(runtime));

    [Fact]
    public void In_prod_the_canaries_are_on_with_the_documented_defaults()
    {
        var (settings, errors) = Read();
        Assert.Empty(errors);
        var canaries = settings!.Canaries;
        Assert.True(canaries.Enabled);
        Assert.Equal("rate(5 minutes)", canaries.Schedule.Expression);
        Assert.Empty(canaries.Checks);
        Assert.Equal(30, canaries.ArtifactRetentionDays);
        Assert.Equal("api", canaries.NamePrefix);
        Assert.Equal("syn-nodejs-puppeteer-13.0", canaries.RuntimeVersion);
        // The health check's limit is the SLO's p99 objective.
        Assert.Equal(500, canaries.HealthLatencyMs);
        var health = Assert.Single(canaries.ChecksWithHealth("/healthz"));
        Assert.Equal(CanaryCheck.Health("/healthz", 500) with { Headers = health.Headers }, health);
        Assert.Empty(health.Headers);
    }

    [Fact]
    public void Outside_prod_they_run_where_outages_are_rehearsed_and_otherwise_when_enabled()
    {
        // Staging rehearses region outages by default, and the rehearsals stop on the canaries.
        Assert.True(Read(("environment", "staging")).Settings!.Canaries.Enabled);
        Assert.False(Read(("environment", "staging"), ("rehearsal.enabled", "false")).Settings!.Canaries.Enabled);
        Assert.False(Read(("environment", "dev")).Settings!.Canaries.Enabled);
        Assert.True(Read(("environment", "dev"), ("canary.enabled", "true")).Settings!.Canaries.Enabled);
        Assert.False(Read(("canary.enabled", "false")).Settings!.Canaries.Enabled);
    }

    [Fact]
    public void Rehearsals_without_canaries_are_refused_naming_both_keys()
    {
        var (settings, errors) = Read(("environment", "staging"), ("canary.enabled", "false"));
        Assert.Null(settings);
        Assert.Equal(new[]
        {
            "multi-region-infra:canary.enabled: 'false' leaves the rehearsals (rehearsal.enabled) without their stop condition: an experiment stops when the region's canary finds the system's own endpoints failing; allowed: canary.enabled true, or rehearsal.enabled false",
        }, errors);
    }

    [Fact]
    public void A_check_reads_every_key_and_the_health_path_comes_first()
    {
        var (settings, errors) = Read(("slo.p99LatencyMs", "700"), ("canary.checks", Checks(
            "{path: /api/status, json: {status: ok, items.0.id: 1}, text: ok, latencyMs: 900}",
            "{name: create-order, method: post, path: '/api/orders?dry=1', headers: {Accept: application/json, X-Team: orders}, body: '{\"sku\": 1}', status: 201, json: id}")));
        Assert.Empty(errors);
        var checks = settings!.Canaries.ChecksWithHealth("/health");
        Assert.Equal(new[] { "health", "get-api-status", "create-order" }, checks.Select(c => c.Name));
        Assert.Equal(700, checks[0].LatencyMs);

        var status = checks[1];
        Assert.Equal(("GET", "/api/status", 200, "ok", 900, 1800), (status.Method, status.Path, status.Status, status.Text, status.LatencyMs, status.TimeoutMs));
        Assert.Equal(new[] { new JsonExpectation("status", "ok"), new JsonExpectation("items.0.id", "1") }, status.Json);
        Assert.Null(status.Body);

        var order = checks[2];
        Assert.Equal(("POST", "/api/orders?dry=1", 201, 700), (order.Method, order.Path, order.Status, order.LatencyMs));
        Assert.Equal(new Dictionary<string, string> { ["Accept"] = "application/json", ["X-Team"] = "orders" }, order.Headers);
        Assert.Equal("{\"sku\": 1}", order.Body);
        Assert.Equal(new[] { new JsonExpectation("id", null) }, order.Json);
    }

    [Theory]
    [InlineData("GET", "/api/status", "get-api-status")]
    [InlineData("HEAD", "/", "head")]
    [InlineData("GET", "/api/v1/orders?limit=1&sort=desc", "get-api-v1-orders-limit-1-sort-desc")]
    [InlineData("DELETE", "/a/very/long/path/that/goes/on/and/on/and/on", "delete-a-very-long-path-that-goes-on-and")]
    public void A_check_without_a_name_is_named_after_its_method_and_path(string method, string path, string name) =>
        Assert.Equal(name, CanaryCheck.DerivedName(method, path));

    [Theory]
    [InlineData("canary.enabled", "yes", P + ":canary.enabled: 'yes' is not a boolean; allowed: true or false")]
    [InlineData("canary.schedule", "rate(2 hours)", P + ":canary.schedule: 'rate(2 hours)' is not a canary rate; allowed: rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)")]
    [InlineData("canary.artifactRetentionDays", "456", P + ":canary.artifactRetentionDays: '456' is out of range; allowed: an integer from 1 to 455")]
    [InlineData("canary.namePrefix", "API", P + ":canary.namePrefix: 'API' is not a canary name prefix; allowed: 1 to 10 lower-case letters, digits, '-' and '_', starting with a letter")]
    [InlineData("canary.runtimeVersion", "syn-nodejs-puppeteer-6.2", P + ":canary.runtimeVersion: 'syn-nodejs-puppeteer-6.2' is not a runtime the canary's script runs on; allowed: syn-nodejs-puppeteer-<major>.<minor> with major 9 or later (Node.js 20 or later), e.g. syn-nodejs-puppeteer-13.0")]
    [InlineData("canary.checks", "{path: /x}", P + ":canary.checks: '{path: /x}' is not a list of strings; allowed: a YAML sequence of strings")]
    [InlineData("canary.chekcs", "[]", P + ":canary.chekcs: is not a known key; did you mean 'canary.checks'?")]
    public void Each_key_is_validated(string key, string value, string message)
    {
        var (settings, errors) = Read((key, value));
        Assert.Null(settings);
        Assert.Equal(message, Assert.Single(errors));
    }

    [Fact]
    public void A_prefix_must_leave_room_for_every_regions_name()
    {
        // "synthetics-us-east" fits in 21 characters; "synthetics-ap-southeast-2" does not.
        var (settings, errors) = Read(("canary.namePrefix", "synthetics"), ("regions", "[\"us-east\",\"ap-southeast-2\"]"));
        Assert.Null(settings);
        Assert.Equal(P + ":canary.namePrefix: 'synthetics' makes the canary of region 'ap-southeast-2' 'synthetics-ap-southeast-2', which is 25 characters long, more than the 21 a canary name may have; " +
            "allowed: a prefix that leaves room for every region's stack name (6 characters or fewer here), and stack names of lower-case letters, digits, '-' and '_'", Assert.Single(errors));
        // With the canaries off, the names do not matter.
        Assert.Empty(Read(("canary.namePrefix", "synthetics"), ("regions", "[\"us-east\",\"ap-southeast-2\"]"), ("canary.enabled", "false")).Errors);
    }

    [Fact]
    public void Every_problem_of_every_check_is_reported_at_once()
    {
        var bad = "{method: FETCH, path: api/status, headers: {Authorization: Bearer x, Host: example.com}, body: x, status: 700, json: [a], text: '', latencyMs: 0, nmae: x}";
        var (settings, errors) = Read(("canary.checks", Checks(
            bad,
            "{path: /api/a, name: Health Check}",
            "not: [valid",
            "/api/status",
            "{path: /api/b, name: dup}",
            "{path: /api/c, name: dup}",
            "{path: /api/d, headers: {X-Origin-Verify-Us-East: forged}}")));
        Assert.Null(settings);
        string Of(int check, string entry, string problem) => $"{P}:canary.checks: '{entry}' (check {check}) {problem}";
        var expected = new[]
        {
            Of(1, bad, "has an unknown key 'nmae'; did you mean 'name'?"),
            Of(1, bad, "has method 'FETCH'; allowed: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
            Of(1, bad, "has path 'api/status'; allowed: a path and query starting with '/', up to 1024 characters, without spaces, control characters or '#'"),
            Of(1, bad, "sets the header 'Authorization', which looks like a credential, and checks are written in plain text into the canary's script; allowed: headers that carry no secret; check an authenticated path through a test account's public behaviour instead"),
            Of(1, bad, "sets the header 'Host', which the canary sets itself; allowed: headers other than host, content-length, transfer-encoding, connection and x-origin-verify-*"),
            Of(1, bad, "has a body with method FETCH; allowed: a body only with POST, PUT or PATCH"),
            Of(1, bad, "has status '700'; allowed: an integer from 100 to 599"),
            Of(1, bad, "has json that is neither a field nor a mapping of fields to values; allowed: json: status, or json: {status: ok, items.0.id: 1}"),
            Of(1, bad, "has text ''; allowed: 1 to 256 characters on one line"),
            Of(1, bad, "has latencyMs '0'; allowed: an integer from 1 to 60000"),
            Of(2, "{path: /api/a, name: Health Check}", "has the name 'Health Check'; allowed: 1 to 40 lower-case letters, digits and '-', starting with a letter"),
            Of(4, "/api/status", "is not a mapping; allowed: a YAML flow mapping such as {method: GET, path: /api/status, status: 200}"),
            Of(7, "{path: /api/d, headers: {X-Origin-Verify-Us-East: forged}}", "sets the header 'X-Origin-Verify-Us-East', which the canary sets itself; allowed: headers other than host, content-length, transfer-encoding, connection and x-origin-verify-*"),
            $"{P}:canary.checks: 'dup' names more than one check; allowed: a distinct name per check (set name: on the checks whose method and path agree)",
        };
        Assert.Equal(expected, errors.Where(e => !e.Contains("(check 3)", StringComparison.Ordinal)));
        // The YAML parser says where the third entry breaks.
        Assert.StartsWith(Of(3, "not: [valid", "is not valid YAML ("), Assert.Single(errors, e => e.Contains("(check 3)", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_that_cannot_finish_within_a_run_are_refused()
    {
        var slow = Enumerable.Range(1, 4).Select(i => $"{{path: /api/{i}, latencyMs: 60000}}").ToArray();
        var (settings, errors) = Read(("canary.checks", Checks(slow)), ("canary.schedule", "rate(5 minutes)"));
        Assert.Null(settings);
        // Two targets (the most a canary calls) × (the health check's 1 s + four checks' 480 s) + 2 s of setup: 964 s, more than 300 s.
        Assert.Equal($"{P}:canary.checks: '4 checks' can take up to 964 s a run over 2 targets (each request may wait twice its latencyMs), more than the 300 s a run may take at rate(5 minutes); " +
            "allowed: fewer checks or lower latencyMs, or a longer canary.schedule", Assert.Single(errors));
        Assert.Empty(Read(("canary.checks", Checks(slow[0])), ("canary.schedule", "rate(10 minutes)")).Errors);
    }

    [Fact]
    public void More_than_twenty_checks_are_refused()
    {
        var many = Enumerable.Range(1, 21).Select(i => $"{{path: /api/{i}, latencyMs: 10}}").ToArray();
        var (_, errors) = Read(("canary.checks", Checks(many)), ("canary.schedule", "rate(60 minutes)"));
        Assert.Equal($"{P}:canary.checks: '21' is more checks than a canary makes; allowed: at most 20 checks", Assert.Single(errors));
    }

    [Fact]
    public async Task The_program_refuses_bad_canary_keys_before_it_registers_anything()
    {
        var config = GlobalMocks.Config().With(("canary.enabled", "true"), ("canary.schedule", "every 5 minutes"), ("canary.checks", Checks("{path: status}")));
        var mocks = GlobalMocks.Mocks(config);
        var thrown = await Assert.ThrowsAsync<RunException>(() => GlobalMocks.RunAsync(config, mocks));
        Assert.Equal("stack 'global' has 2 configuration errors:\n" +
            $"  - {P}:canary.schedule: 'every 5 minutes' is not a canary rate; allowed: rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)\n" +
            $"  - {P}:canary.checks: '{{path: status}}' (check 1) has path 'status'; allowed: a path and query starting with '/', up to 1024 characters, without spaces, control characters or '#'",
            thrown.Message);
        Assert.DoesNotContain(mocks.Resources, r => r.Type != "pulumi:pulumi:StackReference");
    }
}
