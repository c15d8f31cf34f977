using MultiRegionInfra.Configuration;
using MultiRegionInfra.Service;

namespace MultiRegionInfra.Tests.Service;

/// <summary>The instances' boot script: what runs, with what, and that nothing secret is written in it.</summary>
public class BootScriptTests
{
    private static readonly ImageReference Image = ImageReference.TryParse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/multi-region-infra:1.4.2", out _)!;

    private static BootScriptSpec Spec(ImageReference? image = null, IReadOnlyList<string>? command = null) => new(
        "eu-west-1", "eu-west", "/multi-region-infra/eu-west/", 9000, "/healthz", image,
        image is null ? null : "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "/multi-region-infra/eu-west/service",
        new[] { new EnvironmentVariable("LOG_LEVEL", "info"), new EnvironmentVariable("GREETING", "it's \"$HOME\" `x`") },
        new[]
        {
            new SecretReference("STRIPE_KEY", SecretStore.SecretsManager, "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf", "us-east-1"),
            new SecretReference("SIGNING", SecretStore.ParameterStore, "/team/api/signing", null),
        },
        command ?? Array.Empty<string>(),
        ServiceParameters.All.Where(p => p.Publisher == ParameterPublisher.RegionalStack).ToList());

    /// <summary>The text of one heredoc of the script.</summary>
    private static string Heredoc(string script, string marker)
    {
        var start = script.IndexOf($"<<'{marker}'\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no heredoc {marker}");
        start = script.IndexOf('\n', start) + 1;
        var end = script.IndexOf($"\n{marker}\n", start - 1, StringComparison.Ordinal);
        return script[start..(end + 1)];
    }

    [Fact]
    public void The_image_runs_with_docker_under_systemd_logging_to_cloudwatch()
    {
        var script = BootScript.Render(Spec(Image, new[] { "serve", "--workers", "4" }));
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("dnf install -y docker\nsystemctl enable --now docker.service\n", script);
        Assert.Equal("REGION=eu-west-1\nCONFIG_PATH=/multi-region-infra/eu-west/\nPORT=9000\n" +
            "IMAGE=123456789012.dkr.ecr.eu-west-1.amazonaws.com/multi-region-infra:1.4.2\nREGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com\n" +
            "LOG_GROUP=/multi-region-infra/eu-west/service\n", Heredoc(script, "APP_SETTINGS"));
        Assert.Equal("serve\n--workers\n4\n", Heredoc(script, "APP_COMMAND"));
        var run = Heredoc(script, "APP_RUN");
        Assert.Contains("exec docker run --rm --name app --init", run);
        // On the host's network the instance metadata (IMDSv2, hop limit 1) is one hop away, so the
        // service gets the instance role's credentials; behind Docker's bridge it would be two.
        Assert.Contains("--network host", run);
        Assert.DoesNotContain("--publish", run);
        Assert.Contains("--log-driver awslogs --log-opt awslogs-region=\"$REGION\" --log-opt awslogs-group=\"$LOG_GROUP\"", run);
        Assert.Contains("\"$IMAGE\" \"${command[@]}\"", run);
        var unit = Heredoc(script, "APP_UNIT");
        Assert.Contains("Requires=docker.service\n", unit);
        Assert.Contains("ExecStartPre=+/usr/local/bin/app-prepare\nExecStart=/usr/local/bin/app-run\n", unit);
        Assert.Contains("Restart=always\nRestartSec=10\n", unit);
        Assert.Contains("StartLimitIntervalSec=0\n", unit);
        Assert.EndsWith("systemctl enable --now app.service", script, StringComparison.Ordinal);
        Assert.DoesNotContain("server.py", script);
    }

    [Fact]
    public void The_environment_is_written_verbatim_and_the_secrets_only_by_name()
    {
        var script = BootScript.Render(Spec(Image));
        Assert.Equal("LOG_LEVEL=info\nGREETING=it's \"$HOME\" `x`\nPORT=9000\nAPP_CONFIG_PATH=/multi-region-infra/eu-west/\n", Heredoc(script, "APP_ENV"));
        Assert.Equal("STRIPE_KEY\tsecretsmanager\tus-east-1\tarn:aws:secretsmanager:us-east-1:123456789012:secret:prod/stripe-AbCdEf\n" +
            "SIGNING\tssm\teu-west-1\t/team/api/signing\n", Heredoc(script, "APP_SECRETS"));
        var prepare = Heredoc(script, "APP_PREPARE");
        // Values are read at start into a root-only file in /run, never written in the launch template.
        Assert.Contains("umask 077", prepare);
        Assert.Contains("aws secretsmanager get-secret-value --region \"$region\" --secret-id \"$source\" --query SecretString --output text", prepare);
        Assert.Contains("aws ssm get-parameter --region \"$region\" --name \"$source\" --with-decryption", prepare);
        Assert.Contains("mv \"$runtime\" /run/app/runtime.env", prepare);
        Assert.DoesNotContain("STRIPE_KEY=", script);
        Assert.DoesNotContain("SIGNING=", script);
    }

    [Fact]
    public void Every_parameter_becomes_its_variable_and_the_stacks_own_are_waited_for()
    {
        var table = Heredoc(BootScript.Render(Spec(Image)), "APP_PARAMETERS").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ServiceParameters.All.Count, table.Length);
        Assert.Contains("db/writer-endpoint\tDB_WRITER_ENDPOINT\trequired", table);
        Assert.Contains("assets/bucket\tASSETS_BUCKET\trequired", table);
        Assert.Contains("sessions/table\tSESSIONS_TABLE\toptional", table);
        var prepare = Heredoc(BootScript.Render(Spec(Image)), "APP_PREPARE");
        Assert.Contains("aws ssm get-parameters-by-path --region \"$REGION\" --path \"$CONFIG_PATH\" --recursive --with-decryption", prepare);
        Assert.Contains("is not published yet", prepare);
    }

    [Fact]
    public void Without_an_image_the_sample_answers_the_health_path_on_the_port()
    {
        var script = BootScript.Render(Spec());
        Assert.DoesNotContain("dnf install -y docker", script);
        Assert.DoesNotContain("docker", Heredoc(script, "APP_RUN") + Heredoc(script, "APP_UNIT"));
        Assert.Contains("REGISTRY=\n", Heredoc(script, "APP_SETTINGS"));
        Assert.Contains("HEALTH = \"/healthz\"", Heredoc(script, "APP_SAMPLE"));
        Assert.Contains("int(os.environ[\"PORT\"])", Heredoc(script, "APP_SAMPLE"));
        Assert.Contains("exec /usr/bin/python3 /opt/app/server.py", Heredoc(script, "APP_RUN"));
        var unit = Heredoc(script, "APP_UNIT");
        Assert.Contains("EnvironmentFile=/etc/app/app.env\nEnvironmentFile=/run/app/runtime.env\nDynamicUser=yes\n", unit);
        Assert.Contains("(built-in sample)", unit);
    }

    [Fact]
    public void The_script_is_base64_for_the_launch_template()
    {
        var spec = Spec(Image);
        Assert.Equal(BootScript.Render(spec), System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(BootScript.Base64(spec))));
    }
}
