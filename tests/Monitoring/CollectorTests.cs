using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Service;
using YamlDotNet.RepresentationModel;

namespace MultiRegionInfra.Tests.Monitoring;

/// <summary>The instances' metrics collector: its Prometheus configuration read back as YAML, the units
/// that run it, and the built-in sample's histogram.</summary>
public class CollectorTests
{
    private const string RemoteWrite = "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-0123/api/v1/remote_write";

    private static MetricsCollection Metrics(string? path = "/metrics", int interval = 30, string workspaceRegion = "us-east-1") => new(
        RemoteWrite, workspaceRegion, interval, path,
        ImageReference.TryParse(MetricsSettings.DefaultCollectorImage, out _)!, ImageReference.TryParse(MetricsSettings.DefaultNodeExporterImage, out _)!);

    private static BootScriptSpec Spec(MetricsCollection? metrics, ImageReference? image = null) => new(
        "eu-west-1", "eu-west", "/multi-region-infra/eu-west/", 9000, "/healthz", image, null, "/multi-region-infra/eu-west/service",
        Array.Empty<EnvironmentVariable>(), Array.Empty<SecretReference>(), Array.Empty<string>(),
        ServiceParameters.All.Where(p => p.Publisher == ParameterPublisher.RegionalStack).ToList(), metrics);

    private static string Heredoc(string script, string marker)
    {
        var start = script.IndexOf($"<<'{marker}'\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no heredoc {marker}");
        start = script.IndexOf('\n', start) + 1;
        var end = script.IndexOf($"\n{marker}\n", start - 1, StringComparison.Ordinal);
        return script[start..(end + 1)];
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static IReadOnlyList<YamlNode> Items(YamlNode node, string key) => ((YamlSequenceNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Children.ToList();

    [Theory]
    [InlineData("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/", "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write", "https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/query")]
    [InlineData("https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-2", "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-2/api/v1/remote_write", "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-2/api/v1/query")]
    public void The_urls_are_under_the_workspaces_endpoint(string endpoint, string remoteWrite, string query)
    {
        Assert.Equal(remoteWrite, CollectorConfig.RemoteWriteUrl(endpoint));
        Assert.Equal(query, CollectorConfig.QueryUrl(endpoint));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(15, 10)]
    [InlineData(60, 10)]
    public void A_scrape_times_out_within_its_interval(int interval, int timeout) =>
        Assert.Equal(timeout, CollectorConfig.ScrapeTimeoutSeconds(interval));

    [Theory]
    [InlineData(30, 730, 87600)]
    [InlineData(15, 730, 175200)]
    [InlineData(60, 730, 43800)]
    public void A_series_sends_one_sample_per_interval(int interval, int hours, int samples) =>
        Assert.Equal(samples, MetricsSettings.SamplesPerSeriesPerMonth(interval, hours));

    [Fact]
    public void The_collector_scrapes_the_host_and_the_service_and_remote_writes_with_sigv4()
    {
        var config = Yaml(CollectorConfig.Render(Metrics(interval: 15, workspaceRegion: "us-east-1"), "eu-west-1", "eu-west", 9000));
        var global = config["global"];
        Assert.Equal("15s", Scalar(global, "scrape_interval"));
        Assert.Equal("10s", Scalar(global, "scrape_timeout"));
        Assert.Equal("eu-west-1", Scalar(global["external_labels"], "region"));
        Assert.Equal("eu-west", Scalar(global["external_labels"], "stack"));

        var jobs = Items(config, "scrape_configs").ToDictionary(j => Scalar(j, "job_name"));
        Assert.Equal(new[] { "node", "service" }, jobs.Keys);
        Assert.Equal("127.0.0.1:9100", ((YamlScalarNode)Items(Items(jobs["node"], "static_configs")[0], "targets").Single()).Value);
        Assert.Equal("127.0.0.1:9000", ((YamlScalarNode)Items(Items(jobs["service"], "static_configs")[0], "targets").Single()).Value);
        Assert.Equal("/metrics", Scalar(jobs["service"], "metrics_path"));
        // Every series is labelled with the instance's own ID (filled in at start), not the loopback address.
        Assert.All(jobs.Values, job =>
        {
            var relabel = Assert.Single(Items(job, "relabel_configs"));
            Assert.Equal("instance", Scalar(relabel, "target_label"));
            Assert.Equal(CollectorConfig.InstanceIdPlaceholder, Scalar(relabel, "replacement"));
        });

        var write = Assert.Single(Items(config, "remote_write"));
        Assert.Equal(RemoteWrite, Scalar(write, "url"));
        Assert.Equal("us-east-1", Scalar(write["sigv4"], "region"));
        // No keys: the credentials come from the instance role.
        Assert.Single(((YamlMappingNode)write["sigv4"]).Children);
    }

    [Fact]
    public void Without_a_metrics_path_only_the_host_is_scraped()
    {
        var config = Yaml(CollectorConfig.Render(Metrics(path: null), "eu-west-1", "eu-west", 9000));
        Assert.Equal("node", Scalar(Assert.Single(Items(config, "scrape_configs")), "job_name"));
    }

    [Fact]
    public void The_boot_script_runs_node_exporter_and_the_agent_under_systemd_on_the_hosts_network()
    {
        var script = BootScript.Render(Spec(Metrics()));
        // The sample needs no Docker, the collector does.
        Assert.Contains("dnf install -y docker\nsystemctl enable --now docker.service\n", script);
        Assert.Equal(CollectorConfig.Render(Metrics(), "eu-west-1", "eu-west", 9000), Heredoc(script, "METRICS_CONFIG"));
        Assert.Contains($"cat > {BootScript.CollectorConfigPath} <<'METRICS_CONFIG'", script);

        var prepare = Heredoc(script, "METRICS_PREPARE");
        Assert.Contains("http://169.254.169.254/latest/api/token", prepare);
        Assert.Contains("sed \"s/__INSTANCE_ID__/$instance/g\" /etc/metrics/prometheus.yml >/run/metrics/prometheus.yml.new", prepare);

        var node = Heredoc(script, "METRICS_NODE");
        Assert.Contains("ExecStart=/usr/bin/docker run --rm --name node-exporter --network host --pid host --volume /:/host:ro,rslave quay.io/prometheus/node-exporter:v1.9.1 " +
            "--path.rootfs=/host --web.listen-address=127.0.0.1:9100\n", node);
        Assert.Contains("Restart=always\n", node);

        var agent = Heredoc(script, "METRICS_AGENT");
        Assert.Contains("Description=Prometheus agent of eu-west: scrapes this host and the service, remote-writes to the workspace in us-east-1\n", agent);
        Assert.Contains("ExecStartPre=/usr/local/bin/metrics-prepare\n", agent);
        Assert.Contains("ExecStart=/usr/bin/docker run --rm --name metrics-agent --network host --volume /run/metrics/prometheus.yml:/etc/prometheus/prometheus.yml:ro " +
            "--volume metrics-agent:/prometheus quay.io/prometheus/prometheus:v3.5.0 --agent --config.file=/etc/prometheus/prometheus.yml " +
            "--storage.agent.path=/prometheus --web.listen-address=127.0.0.1:9090\n", agent);
        Assert.Contains("After=network-online.target docker.service node-exporter.service\n", agent);
        Assert.EndsWith("systemctl enable --now node-exporter.service metrics-agent.service", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_metrics_there_is_no_collector_and_the_sample_needs_no_docker()
    {
        var script = BootScript.Render(Spec(null));
        Assert.DoesNotContain("METRICS_", script);
        Assert.DoesNotContain("dnf install -y docker", script);
        Assert.Contains("METRICS = \"\"\n", Heredoc(script, "APP_SAMPLE"));
    }

    [Fact]
    public void The_sample_serves_the_request_histogram_the_rules_read_on_the_metrics_path()
    {
        var sample = Heredoc(BootScript.Render(Spec(Metrics(path: "/internal/metrics"))), "APP_SAMPLE");
        Assert.Contains("METRICS = \"/internal/metrics\"\n", sample);
        Assert.Contains("HISTOGRAM = \"http_request_duration_seconds\"\n", sample);
        Assert.Contains("STATUS = \"code\"\n", sample);
        Assert.Contains("lines.append('%s_bucket{%s=\"%s\",le=\"+Inf\"} %d' % (HISTOGRAM, STATUS, code, series[-2]))", sample);
        Assert.Contains("lines.append('%s_count{%s=\"%s\"} %d' % (HISTOGRAM, STATUS, code, series[-2]))", sample);
        Assert.Contains("observe(\"200\", time.monotonic() - started)", sample);
        // The metrics path itself is not counted as a request.
        Assert.Contains("if METRICS and self.path == METRICS:\n            self.reply(exposition(), \"text/plain; version=0.0.4\")\n            return\n", sample);
    }

    [Fact]
    public void A_container_image_with_metrics_runs_both()
    {
        var image = ImageReference.TryParse("ghcr.io/team/api:1.0.0", out _)!;
        var script = BootScript.Render(Spec(Metrics(), image));
        Assert.Contains("METRICS_AGENT", script);
        Assert.Contains("--network host", Heredoc(script, "APP_RUN"));
        Assert.DoesNotContain("APP_SAMPLE", script);
    }

    [Fact]
    public async Task The_sample_counts_its_requests_in_the_exposition_it_serves()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sample-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, Heredoc(BootScript.Render(Spec(Metrics())), "APP_SAMPLE"));
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("python3") { UseShellExecute = false };
        start.ArgumentList.Add(file);
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var sample = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = false;
            for (var attempt = 0; attempt < 50 && !ready && !sample.HasExited; attempt++)
            {
                try
                {
                    ready = (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }
            Assert.True(ready, "the sample did not answer on the loopback within 10 s");
            await http.GetStringAsync(new Uri("/orders", UriKind.Relative));
            await http.GetStringAsync(new Uri("/orders/7", UriKind.Relative));
            var exposition = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.StartsWith("# TYPE http_request_duration_seconds histogram\n", exposition, StringComparison.Ordinal);
            // The health probe and the two requests; the scrape itself is not counted.
            Assert.Contains("http_request_duration_seconds_count{code=\"200\"} 3\n", exposition);
            Assert.Contains("http_request_duration_seconds_bucket{code=\"200\",le=\"+Inf\"} 3\n", exposition);
            Assert.Contains("http_request_duration_seconds_bucket{code=\"200\",le=\"10\"} 3\n", exposition);
            Assert.Matches(@"http_request_duration_seconds_sum\{code=""200""\} [0-9.]+\n", exposition);
        }
        finally
        {
            if (!sample.HasExited)
                sample.Kill(entireProcessTree: true);
            sample.WaitForExit(5000);
            File.Delete(file);
        }
    }
}
