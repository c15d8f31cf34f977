using System.Collections.Immutable;
using System.Text.Json;
using MultiRegionInfra.Tests.Support;

namespace MultiRegionInfra.Tests.Reliability;

/// <summary>The SLO alarms and dashboards the global stack creates in each region.</summary>
public class AlarmTests
{
    private static IReadOnlyDictionary<string, object?> Map(object? value) => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);

    private static Task<AwsMocks.RunResult> Run(params (string Key, string Value)[] changes)
    {
        var config = GlobalMocks.Config();
        foreach (var (key, value) in changes)
            config[key] = value;
        return GlobalMocks.RunAsync(config);
    }

    [Fact]
    public async Task Each_region_gets_its_alarms_in_its_own_region_with_thresholds_from_the_slo()
    {
        var run = await Run(("slo.availabilityPercent", "99.95"), ("slo.p99LatencyMs", "800"), ("slo.rpoSeconds", "120"), ("slo.notificationEmail", "oncall@example.com"));
        var alarms = run.OfType("aws:cloudwatch/metricAlarm:MetricAlarm").Where(a => a.Name!.Contains("-monitoring-", StringComparison.Ordinal)).ToList();
        // Seven in the replica region; the primary reports no replication lag, so it has six.
        Assert.Equal(13, alarms.Count);
        Assert.Equal(7, alarms.Count(a => Equals(a.Inputs["region"], "eu-west-1")));
        Assert.DoesNotContain(alarms, a => a.Name == "us-east-monitoring-replica-lag");
        MockArgs(alarms, "us-east-monitoring-p99-latency", out var p99);
        Assert.Equal(0.8, p99["threshold"]);
        Assert.Equal("p99", p99["extendedStatistic"]);
        Assert.Equal("us-east-1", p99["region"]);
        Assert.Equal("app/app-alb-us-east/0123456789abcdef", Map(p99["dimensions"])["LoadBalancer"]);
        MockArgs(alarms, "eu-west-monitoring-5xx-rate", out var rate);
        Assert.Equal(0.05, (double)rate["threshold"], 6);
        Assert.Equal(4, ((ImmutableArray<object?>)rate["metricQueries"]).Length);
        MockArgs(alarms, "eu-west-monitoring-replica-lag", out var lag);
        Assert.Equal(60.0, lag["threshold"]);
        Assert.Equal("multi-region-infra-eu-west-pg", Map(lag["dimensions"])["DBInstanceIdentifier"]);
        MockArgs(alarms, "eu-west-monitoring-healthy-capacity", out var capacity);
        Assert.Equal(2.0, capacity["threshold"]);
        MockArgs(alarms, "eu-west-monitoring-db-free-storage", out var storage);
        Assert.Equal(50 * 0.1 * 1024 * 1024 * 1024, (double)storage["threshold"], 0);
        Assert.All(alarms, a => Assert.Equal(new object[] { $"arn:aws:sns:{a.Inputs["region"]}:{AwsMocks.Account}:multi-region-infra-{a.Name!.Split("-monitoring-")[0]}-alarms" },
            ((ImmutableArray<object?>)a.Inputs["alarmActions"]).ToArray()));
        var subscriptions = run.OfType("aws:sns/topicSubscription:TopicSubscription");
        Assert.All(subscriptions, s => Assert.Equal("oncall@example.com", s.Inputs["endpoint"]));
        Assert.Equal(3, subscriptions.Count);
        // Each topic on a key of its own region (AlarmTopicTests follows every alarm to its key's policy).
        Assert.All(run.OfType("aws:sns/topic:Topic"), t => Assert.StartsWith($"arn:aws:kms:{t.Inputs["region"]}:{AwsMocks.Account}:key/", (string)t.Inputs["kmsMasterKeyId"], StringComparison.Ordinal));
    }

    private static void MockArgs(IReadOnlyList<Pulumi.Testing.MockResourceArgs> alarms, string name, out ImmutableDictionary<string, object> inputs) =>
        inputs = alarms.Single(a => a.Name == name).Inputs;

    [Fact]
    public async Task Route53_health_checks_are_alarmed_in_us_east_1()
    {
        var run = await Run();
        var alarms = run.OfType("aws:cloudwatch/metricAlarm:MetricAlarm").Where(a => a.Name!.EndsWith("-health-alarm", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a =>
        {
            Assert.Equal("us-east-1", a.Inputs["region"]);
            Assert.Equal("AWS/Route53", a.Inputs["namespace"]);
            Assert.Equal("HealthCheckStatus", a.Inputs["metricName"]);
            Assert.Equal("LessThanThreshold", a.Inputs["comparisonOperator"]);
        });
        Assert.Equal("routing-eu-west-health-id", Map(alarms.Single(a => a.Name == "eu-west-health-alarm").Inputs["dimensions"])["HealthCheckId"]);
    }

    [Fact]
    public async Task Each_region_gets_a_dashboard_of_the_alarmed_metrics()
    {
        var run = await Run();
        var dashboards = run.OfType("aws:cloudwatch/dashboard:Dashboard");
        Assert.Equal(new[] { "eu-west-1", "us-east-1" }, dashboards.Select(d => (string)d.Inputs["region"]).Order());
        using var body = JsonDocument.Parse((string)dashboards.Single(d => Equals(d.Inputs["region"], "eu-west-1")).Inputs["dashboardBody"]);
        var titles = body.RootElement.GetProperty("widgets").EnumerateArray().Select(w => w.GetProperty("properties").GetProperty("title").GetString()).ToList();
        Assert.Equal(new[] { "Requests and 5xx", "p99 target response time (s)", "Healthy and unhealthy hosts", "Database CPU (%)", "Replication lag (s)", "Database free storage (bytes)" }, titles);
        Assert.Contains("multi-region-infra-eu-west-pg", body.RootElement.GetRawText());
    }
}
