using System.Globalization;
using System.Text;
using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Service;

/// <summary>What an instance's boot script is made of. Every value is validated configuration or a
/// name the program derives; none is secret (secrets are named here and read at start).</summary>
/// <param name="Region">The instance's region.</param>
/// <param name="StackName">The regional stack.</param>
/// <param name="ConfigPath">The stack's parameter path, <c>/project/stack/</c>.</param>
/// <param name="Port">The port the service listens on.</param>
/// <param name="HealthCheckPath">The path the load balancer probes (the sample answers it).</param>
/// <param name="Image">The image to run, already pointed at this region's registry; null runs the sample.</param>
/// <param name="RegistryToLogIn">The ECR registry host to log in to before pulling, or null.</param>
/// <param name="LogGroup">The CloudWatch Logs group the container logs to.</param>
/// <param name="Environment">Non-secret variables.</param>
/// <param name="Secrets">Secrets to read at start.</param>
/// <param name="Command">The command that replaces the image's, or empty.</param>
/// <param name="Published">The parameters the stack itself publishes: the service waits for them; the
/// others (the global stack's) it takes when they are there.</param>
/// <param name="Metrics">The metrics collector (Prometheus in agent mode and node_exporter, each a
/// container under systemd), or null for none.</param>
public sealed record BootScriptSpec(
    string Region,
    string StackName,
    string ConfigPath,
    int Port,
    string HealthCheckPath,
    ImageReference? Image,
    string? RegistryToLogIn,
    string LogGroup,
    IReadOnlyList<EnvironmentVariable> Environment,
    IReadOnlyList<SecretReference> Secrets,
    IReadOnlyList<string> Command,
    IReadOnlyCollection<ServiceParameter> Published,
    MetricsCollection? Metrics = null);

/// <summary>The instances' boot script (Amazon Linux 2023 user data). It installs a systemd unit,
/// <c>app.service</c>, that before every start reads the stack's parameters and the named secrets into a
/// root-only file in /run (never on disk, never in the launch template), then runs the team's image with
/// Docker (logging to CloudWatch Logs) or, without an image, a small built-in sample service. systemd
/// restarts it on failure, also while parameters the stack publishes are not there yet. With metrics, two
/// more units run containers on the host's network: <c>node-exporter.service</c> (host metrics, on the
/// loopback) and <c>metrics-agent.service</c> (Prometheus in agent mode, remote-writing to the workspace).</summary>
public static class BootScript
{
    public const string UnitName = "app.service";
    public const string AgentUnitName = "metrics-agent.service";
    public const string NodeExporterUnitName = "node-exporter.service";

    /// <summary>The collector's configuration on the instance, with the placeholder for the instance's ID.</summary>
    public const string CollectorConfigPath = "/etc/metrics/prometheus.yml";

    public static string Render(BootScriptSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            #!/bin/bash
            # multi-region-infra boot script of {{spec.StackName}} ({{spec.Region}}). Holds no secret: secrets are
            # named in /etc/app/secrets.tsv and read through the instance role when the service starts.
            set -euo pipefail
            mkdir -p /etc/app /opt/app

            """);
        if (spec.Image is not null || spec.Metrics is not null)
        {
            text.Append("""
                dnf install -y docker
                systemctl enable --now docker.service

                """);
        }
        text.Append(CultureInfo.InvariantCulture, $$"""
            cat > /etc/app/settings <<'APP_SETTINGS'
            REGION={{spec.Region}}
            CONFIG_PATH={{spec.ConfigPath}}
            PORT={{spec.Port}}
            IMAGE={{spec.Image?.ToString() ?? ""}}
            REGISTRY={{spec.RegistryToLogIn ?? ""}}
            LOG_GROUP={{spec.LogGroup}}
            APP_SETTINGS

            # The team's non-secret variables (app.environment), and the two the launch template sets.
            cat > /etc/app/app.env <<'APP_ENV'
            {{EnvironmentFile(spec)}}APP_ENV

            # Parameter under the stack's path, the variable it becomes, and whether it must exist.
            cat > /etc/app/parameters.tsv <<'APP_PARAMETERS'
            {{ParameterTable(spec)}}APP_PARAMETERS

            # Secrets (app.secrets): variable, store, region, secret ARN or parameter name.
            cat > /etc/app/secrets.tsv <<'APP_SECRETS'
            {{SecretTable(spec)}}APP_SECRETS

            # The command that replaces the image's, one argument per line.
            cat > /etc/app/command <<'APP_COMMAND'
            {{string.Concat(spec.Command.Select(a => a + "\n"))}}APP_COMMAND

            cat > /usr/local/bin/app-prepare <<'APP_PREPARE'
            {{Prepare}}APP_PREPARE

            cat > /usr/local/bin/app-run <<'APP_RUN'
            {{(spec.Image is null ? SampleRun : ContainerRun)}}APP_RUN
            chmod 0755 /usr/local/bin/app-prepare /usr/local/bin/app-run

            """);
        if (spec.Image is null)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                cat > /opt/app/server.py <<'APP_SAMPLE'
                {{Sample(spec)}}APP_SAMPLE

                """);
        }
        text.Append(CultureInfo.InvariantCulture, $$"""
            cat > /etc/systemd/system/{{UnitName}} <<'APP_UNIT'
            {{Unit(spec)}}APP_UNIT
            systemctl daemon-reload
            systemctl enable --now {{UnitName}}
            """);
        if (spec.Metrics is { } metrics)
            AppendCollector(text, spec, metrics);
        return text.ToString();
    }

    /// <summary>The collector: its configuration, the script that puts the instance's ID into it at
    /// start, and the two units. Both containers use the host's network: node_exporter and the agent
    /// listen on the loopback only, the agent reaches the service on its published port, and the instance
    /// metadata (hop limit 1) answers the agent's credential requests for SigV4.</summary>
    private static void AppendCollector(StringBuilder text, BootScriptSpec spec, MetricsCollection metrics)
    {
        text.Append(CultureInfo.InvariantCulture, $$"""

            mkdir -p /etc/metrics
            cat > {{CollectorConfigPath}} <<'METRICS_CONFIG'
            {{CollectorConfig.Render(metrics, spec.Region, spec.StackName, spec.Port)}}METRICS_CONFIG

            cat > /usr/local/bin/metrics-prepare <<'METRICS_PREPARE'
            {{MetricsPrepare}}METRICS_PREPARE
            chmod 0755 /usr/local/bin/metrics-prepare

            cat > /etc/systemd/system/{{NodeExporterUnitName}} <<'METRICS_NODE'
            {{NodeExporterUnit(metrics)}}METRICS_NODE

            cat > /etc/systemd/system/{{AgentUnitName}} <<'METRICS_AGENT'
            {{AgentUnit(spec, metrics)}}METRICS_AGENT
            systemctl daemon-reload
            systemctl enable --now {{NodeExporterUnitName}} {{AgentUnitName}}
            """);
    }

    // Writes the configuration with this instance's ID into /run (the launch template is the group's).
    private static readonly string MetricsPrepare = $$"""
        #!/bin/bash
        set -euo pipefail
        mkdir -p /run/metrics
        token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
        instance=$(curl -sf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)
        sed "s/{{CollectorConfig.InstanceIdPlaceholder}}/$instance/g" {{CollectorConfigPath}} >/run/metrics/prometheus.yml.new
        chmod 0644 /run/metrics/prometheus.yml.new
        mv /run/metrics/prometheus.yml.new /run/metrics/prometheus.yml

        """;

    private static string NodeExporterUnit(MetricsCollection metrics) => $"""
        [Unit]
        Description=node_exporter: this host's metrics on {CollectorConfig.NodeExporterAddress}
        After=docker.service
        Requires=docker.service
        StartLimitIntervalSec=0

        [Service]
        ExecStartPre=-/usr/bin/docker rm -f node-exporter
        ExecStart=/usr/bin/docker run --rm --name node-exporter --network host --pid host --volume /:/host:ro,rslave {metrics.NodeExporterImage} --path.rootfs=/host --web.listen-address={CollectorConfig.NodeExporterAddress}
        ExecStop=/usr/bin/docker stop node-exporter
        Restart=always
        RestartSec=10

        [Install]
        WantedBy=multi-user.target

        """;

    private static string AgentUnit(BootScriptSpec spec, MetricsCollection metrics) => $"""
        [Unit]
        Description=Prometheus agent of {spec.StackName}: scrapes this host{(metrics.ServiceMetricsPath is null ? "" : " and the service")}, remote-writes to the workspace in {metrics.WorkspaceRegion}
        After=network-online.target docker.service {NodeExporterUnitName}
        Wants=network-online.target
        Requires=docker.service
        StartLimitIntervalSec=0

        [Service]
        ExecStartPre=/usr/local/bin/metrics-prepare
        ExecStartPre=-/usr/bin/docker rm -f metrics-agent
        ExecStart=/usr/bin/docker run --rm --name metrics-agent --network host --volume /run/metrics/prometheus.yml:/etc/prometheus/prometheus.yml:ro --volume metrics-agent:/prometheus {metrics.CollectorImage} --agent --config.file=/etc/prometheus/prometheus.yml --storage.agent.path=/prometheus --web.listen-address={CollectorConfig.AgentAddress}
        ExecStop=/usr/bin/docker stop --time 20 metrics-agent
        Restart=always
        RestartSec=10

        [Install]
        WantedBy=multi-user.target

        """;

    /// <summary>The script as EC2 wants it in a launch template: base64.</summary>
    public static string Base64(BootScriptSpec spec) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Render(spec)));

    /// <summary>KEY=value lines (values are single-line and every line has '=', so no line can end the heredoc).</summary>
    private static string EnvironmentFile(BootScriptSpec spec) =>
        string.Concat(spec.Environment.Select(v => $"{v.Name}={v.Value}\n")) +
        $"PORT={spec.Port.ToString(CultureInfo.InvariantCulture)}\nAPP_CONFIG_PATH={spec.ConfigPath}\n";

    private static string ParameterTable(BootScriptSpec spec) =>
        string.Concat(ServiceParameters.All.Select(p => $"{p.Name}\t{p.EnvironmentVariable}\t{(spec.Published.Contains(p) ? "required" : "optional")}\n"));

    private static string SecretTable(BootScriptSpec spec) =>
        string.Concat(spec.Secrets.Select(s =>
            $"{s.Name}\t{(s.Store == SecretStore.SecretsManager ? "secretsmanager" : "ssm")}\t{s.Region ?? spec.Region}\t{s.Source}\n"));

    // Reads the parameters and secrets into /run/app/runtime.env (tmpfs, root only). Fails, so systemd
    // retries, while a required parameter is missing: the first instances may start before the stack
    // has published everything.
    private const string Prepare = """
        #!/bin/bash
        set -euo pipefail
        source /etc/app/settings
        umask 077
        mkdir -p /run/app
        runtime=$(mktemp /run/app/runtime.XXXXXX)
        values=$(aws ssm get-parameters-by-path --region "$REGION" --path "$CONFIG_PATH" --recursive --with-decryption \
          --query 'Parameters[].[Name,Value]' --output text)
        while IFS=$'\t' read -r name variable need; do
          value=$(awk -F'\t' -v n="$CONFIG_PATH$name" '$1 == n { sub(/^[^\t]*\t/, ""); print; exit }' <<<"$values")
          if [ -z "$value" ] && [ "$need" = required ]; then
            echo "app-prepare: parameter $CONFIG_PATH$name is not published yet" >&2; rm -f "$runtime"; exit 1
          fi
          printf '%s=%s\n' "$variable" "$value" >>"$runtime"
        done </etc/app/parameters.tsv
        while IFS=$'\t' read -r variable store region source; do
          if [ "$store" = secretsmanager ]; then
            value=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$source" --query SecretString --output text)
          else
            value=$(aws ssm get-parameter --region "$region" --name "$source" --with-decryption --query Parameter.Value --output text)
          fi
          if [ "$(printf '%s' "$value" | wc -l)" -gt 0 ]; then
            echo "app-prepare: secret $variable ($source) has more than one line; an environment variable holds one" >&2; rm -f "$runtime"; exit 1
          fi
          printf '%s=%s\n' "$variable" "$value" >>"$runtime"
        done </etc/app/secrets.tsv
        token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
        curl -sf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id >/run/app/instance-id
        if [ -n "$REGISTRY" ]; then
          aws ecr get-login-password --region "$REGION" | docker login --username AWS --password-stdin "$REGISTRY"
        fi
        mv "$runtime" /run/app/runtime.env

        """;

    // The host's network: the instance metadata (IMDSv2, hop limit 1) is then one hop away, so the service
    // gets the instance role's credentials (IAM database tokens, the session table, the asset bucket);
    // behind Docker's bridge it would be two hops and unanswered.
    private const string ContainerRun = """
        #!/bin/bash
        set -euo pipefail
        source /etc/app/settings
        mapfile -t command </etc/app/command
        docker rm -f app >/dev/null 2>&1 || true
        exec docker run --rm --name app --init \
          --network host \
          --env-file /etc/app/app.env --env-file /run/app/runtime.env \
          --log-driver awslogs --log-opt awslogs-region="$REGION" --log-opt awslogs-group="$LOG_GROUP" \
          --log-opt awslogs-stream="$(cat /run/app/instance-id)" \
          "$IMAGE" "${command[@]}"

        """;

    private const string SampleRun = """
        #!/bin/bash
        set -euo pipefail
        exec /usr/bin/python3 /opt/app/server.py

        """;

    /// <summary>The built-in sample: JSON on every path; with a metrics path (app.metricsPath), the
    /// Prometheus exposition there of the request histogram the SLO rules read, under
    /// <see cref="Configuration.ServiceMetricNames.Defaults"/>' names.</summary>
    private static string Sample(BootScriptSpec spec) => $$"""
        import http.server, json, os, threading, time
        HEALTH = "{{spec.HealthCheckPath}}"
        METRICS = "{{spec.Metrics?.ServiceMetricsPath ?? ""}}"
        HISTOGRAM = "{{Configuration.ServiceMetricNames.Defaults.RequestHistogram}}"
        STATUS = "{{Configuration.ServiceMetricNames.Defaults.StatusLabel}}"
        BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        LOCK = threading.Lock()
        SERIES = {}
        # Names only: the sample shows which values reached it, never the values.
        RECEIVED = sorted(k for k in os.environ if k.startswith(("DB_", "SESSIONS_", "ASSETS_", "APP_")))
        def observe(code, seconds):
            with LOCK:
                series = SERIES.setdefault(code, [0] * len(BUCKETS) + [0, 0.0])
                for i, bound in enumerate(BUCKETS):
                    if seconds <= bound:
                        series[i] += 1
                series[-2] += 1
                series[-1] += seconds
        def exposition():
            lines = ["# TYPE %s histogram" % HISTOGRAM]
            with LOCK:
                for code, series in sorted(SERIES.items()):
                    for i, bound in enumerate(BUCKETS):
                        lines.append('%s_bucket{%s="%s",le="%s"} %d' % (HISTOGRAM, STATUS, code, bound, series[i]))
                    lines.append('%s_bucket{%s="%s",le="+Inf"} %d' % (HISTOGRAM, STATUS, code, series[-2]))
                    lines.append('%s_count{%s="%s"} %d' % (HISTOGRAM, STATUS, code, series[-2]))
                    lines.append('%s_sum{%s="%s"} %f' % (HISTOGRAM, STATUS, code, series[-1]))
            return ("\n".join(lines) + "\n").encode()
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if METRICS and self.path == METRICS:
                    self.reply(exposition(), "text/plain; version=0.0.4")
                    return
                started = time.monotonic()
                body = json.dumps({"status": "ok", "region": os.environ.get("AWS_REGION"), "stack": os.environ.get("APP_STACK"),
                                   "path": self.path, "health": self.path == HEALTH, "received": RECEIVED}).encode()
                self.reply(body, "application/json")
                observe("200", time.monotonic() - started)
            def reply(self, body, content_type):
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            do_HEAD = do_GET
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()

        """;

    private static string Unit(BootScriptSpec spec)
    {
        var container = spec.Image is not null;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            [Unit]
            Description=multi-region-infra service of {spec.StackName} ({(container ? spec.Image : "built-in sample")})
            After=network-online.target{(container ? " docker.service" : "")}
            Wants=network-online.target
            {(container ? "Requires=docker.service\n" : "")}StartLimitIntervalSec=0

            [Service]
            ExecStartPre=+/usr/local/bin/app-prepare
            ExecStart=/usr/local/bin/app-run

            """);
        if (container)
            text.Append("ExecStop=/usr/bin/docker stop --time 20 app\n");
        else
            text.Append("EnvironmentFile=/etc/app/app.env\nEnvironmentFile=/run/app/runtime.env\nDynamicUser=yes\n");
        text.Append("""
            Restart=always
            RestartSec=10

            [Install]
            WantedBy=multi-user.target

            """);
        return text.ToString();
    }
}
