using System.Text.RegularExpressions;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Aws.LB;
using Pulumi.Utilities;
using static MultiRegionInfra.Tests.Support.InputValues;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>Behind CloudFront a load balancer serves only requests that carry its secret origin header
/// (and Route 53's health checks of the health path); the secret is made once per generation, stored,
/// read back, rotated without an outage, and out of the instances' reach.</summary>
public class OriginHeaderTests
{
    private const string Rule = "aws:lb/listenerRule:ListenerRule";
    private const string Listener = "aws:lb/listener:Listener";
    private const string Parameter = "aws:ssm/parameter:Parameter";

    /// <summary>The shared mocks, with listener ARNs (a rule names its listener by ARN).</summary>
    private static PulumiMocks Mocks() => AwsMocks.ForRegion("us-east-1")
        .WithOutputs(Listener, a => new Dictionary<string, object> { ["arn"] = $"arn:aws:elasticloadbalancing:us-east-1:{AwsMocks.Account}:listener/app/{a.Name}" });

    private static Task<AwsMocks.RunResult> Primary(params (string Key, string? Value)[] changes) =>
        AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(changes), Mocks());

    private static string SecretOf(AwsMocks.RunResult run, int generation) =>
        (string)run.Single(Parameter, $"origin-secret-generation-{generation}").Inputs["value"];

    private static IReadOnlyDictionary<string, object?> HeaderCondition(AwsMocks.RunResult run) =>
        Map(Map(Assert.Single(List(run.Single(Rule, "app-origin-header").Inputs["conditions"])))["httpHeader"]);

    [Fact]
    public async Task Without_the_header_the_https_listener_answers_403()
    {
        var run = await Primary();
        var action = Map(Assert.Single(List(run.Single(Listener, "app-https").Inputs["defaultActions"])));
        Assert.Equal("fixed-response", action["type"]);
        var response = Map(action["fixedResponse"]);
        Assert.Equal(("403", "text/plain", "Forbidden"), ((string)response["statusCode"]!, (string)response["contentType"]!, (string)response["messageBody"]!));
        Assert.False(action.ContainsKey("targetGroupArn"));
    }

    [Fact]
    public async Task A_request_with_the_current_secret_in_its_header_is_forwarded()
    {
        var run = await Primary();
        var rule = run.Single(Rule, "app-origin-header").Inputs;
        Assert.Equal($"arn:aws:elasticloadbalancing:us-east-1:{AwsMocks.Account}:listener/app/app-https", rule["listenerArn"]);
        Assert.Equal(10.0, rule["priority"]);
        var forward = Map(Assert.Single(List(rule["actions"])));
        Assert.Equal("forward", forward["type"]);
        Assert.Equal($"arn:aws:elasticloadbalancing:us-east-1:{AwsMocks.Account}:targetgroup/app-tg/0123456789abcdef", forward["targetGroupArn"]);
        var header = HeaderCondition(run);
        Assert.Equal("x-origin-verify-us-east", header["httpHeaderName"]);
        Assert.Equal(new[] { SecretOf(run, 1) }, Strings(header["values"]));
        Assert.Matches("^[0-9a-f]{64}$", SecretOf(run, 1));
    }

    [Fact]
    public async Task Route_53_health_checks_get_the_health_path_without_a_header_and_nothing_else()
    {
        var run = await Primary(("healthCheckPath", "/ready"));
        var rule = run.Single(Rule, "app-health-check").Inputs;
        Assert.Equal($"arn:aws:elasticloadbalancing:us-east-1:{AwsMocks.Account}:listener/app/app-https", rule["listenerArn"]);
        Assert.Equal(20.0, rule["priority"]);
        var conditions = List(rule["conditions"]).Select(Map).ToList();
        Assert.Equal(new[] { "/ready" }, Strings(Map(conditions.Single(c => c.ContainsKey("pathPattern"))["pathPattern"])["values"]));
        Assert.Equal(new[] { "GET", "HEAD" }, Strings(Map(conditions.Single(c => c.ContainsKey("httpRequestMethod"))["httpRequestMethod"])["values"]));
        Assert.Equal(2, conditions.Count);
        Assert.Equal("forward", Map(Assert.Single(List(rule["actions"])))["type"]);
        // The two rules, on the serving listener only; plain HTTP keeps redirecting.
        Assert.Equal(2, run.OfType(Rule).Count);
        Assert.Equal("redirect", Map(Assert.Single(List(run.Single(Listener, "app-http-redirect").Inputs["defaultActions"])))["type"]);
    }

    [Fact]
    public async Task The_header_rule_is_a_secret_as_a_whole_so_no_plan_or_preview_shows_the_value()
    {
        var run = await Primary();
        var args = Assert.IsType<ListenerRuleArgs>(run.Graph.Single(r => r.Name == "app-origin-header").Args);
        Assert.True(await Output.IsSecretAsync(args.Conditions.ToOutput()));
        var parameter = Assert.IsType<Pulumi.Aws.Ssm.ParameterArgs>(run.Graph.Single(r => r.Name == "origin-secret-generation-1").Args);
        Assert.True(await Output.IsSecretAsync(parameter.Value!.ToOutput()));
        var exported = run.OutputOf<string>("originSecret");
        Assert.True(await Output.IsSecretAsync(exported));
        Assert.Equal(SecretOf(run, 1), await OutputUtilities.GetValueAsync(exported));
        Assert.Equal("x-origin-verify-us-east", await OutputUtilities.GetValueAsync(run.OutputOf<string>("originHeaderName")));
        Assert.Equal(1, await OutputUtilities.GetValueAsync(run.OutputOf<int>("originSecretGeneration")));
    }

    [Fact]
    public async Task Each_generation_is_stored_once_outside_the_service_path_and_never_rewritten()
    {
        var run = await Primary();
        var parameter = run.Single(Parameter, "origin-secret-generation-1").Inputs;
        Assert.Equal("/multi-region-infra-edge/us-east/origin-secret-1", parameter["name"]);
        Assert.Equal("SecureString", parameter["type"]);
        // Its own key: the instance role may decrypt the service's parameters, never this one.
        Assert.Equal($"arn:aws:kms:us-east-1:{AwsMocks.Account}:key/origin-secret-key-id", parameter["keyId"]);
        var key = run.Single("aws:kms/key:Key", "origin-secret-key").Inputs;
        Assert.Equal(true, key["enableKeyRotation"]);
        Assert.Equal("alias/multi-region-infra-us-east-origin-secret", run.Single("aws:kms/alias:Alias", "origin-secret-key-alias").Inputs["name"]);
        var decryptable = run.OfType("aws:iam/rolePolicy:RolePolicy").Concat(run.OfType("aws:iam/policy:Policy"))
            .Select(p => (string)p.Inputs["policy"]).Where(p => p.Contains("kms:Decrypt", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(decryptable);
        Assert.All(decryptable, policy => Assert.DoesNotContain("origin-secret-key-id", policy, StringComparison.Ordinal));
        // A later run makes a new value; the stored one must not change, or CloudFront's would stop matching.
        Assert.Contains("value", run.Graph.Single(r => r.Name == "origin-secret-generation-1").Options.IgnoreChanges);
    }

    [Fact]
    public async Task The_load_balancer_accepts_the_stored_value_not_the_one_a_later_run_makes()
    {
        // What AWS holds after the first run: the parameter's value output, not this run's new input.
        var mocks = Mocks().WithOutputs(Parameter, a => ((string)a.Inputs["name"]).Contains("/origin-secret-", StringComparison.Ordinal)
            ? new Dictionary<string, object> { ["value"] = $"stored-{a.Name}" }
            : new Dictionary<string, object>());
        var run = await AwsMocks.RunStackAsync("us-east", AwsMocks.PrimaryConfig().With(("edge.originSecretGeneration", "2")), mocks);
        Assert.Equal(new[] { "stored-origin-secret-generation-2", "stored-origin-secret-generation-1" }, Strings(HeaderCondition(run)["values"]));
        Assert.Equal("stored-origin-secret-generation-2", await OutputUtilities.GetValueAsync(run.OutputOf<string>("originSecret")));
    }

    [Fact]
    public async Task Rotating_keeps_the_previous_generation_accepted_and_retires_the_one_before()
    {
        var run = await Primary(("edge.originSecretGeneration", "3"));
        Assert.Equal(new[] { "/multi-region-infra-edge/us-east/origin-secret-2", "/multi-region-infra-edge/us-east/origin-secret-3" },
            run.OfType(Parameter).Select(p => (string)p.Inputs["name"]).Where(n => n.Contains("/origin-secret-", StringComparison.Ordinal)).Order());
        Assert.Equal(new[] { SecretOf(run, 3), SecretOf(run, 2) }, Strings(HeaderCondition(run)["values"]));
        Assert.NotEqual(SecretOf(run, 3), SecretOf(run, 2));
        Assert.Equal(SecretOf(run, 3), await OutputUtilities.GetValueAsync(run.OutputOf<string>("originSecret")));
        Assert.Equal(3, await OutputUtilities.GetValueAsync(run.OutputOf<int>("originSecretGeneration")));
        Assert.All(run.Graph.Where(r => r.Name.StartsWith("origin-secret-generation-", StringComparison.Ordinal)), r => Assert.Contains("value", r.Options.IgnoreChanges));
    }

    [Fact]
    public async Task The_instances_cannot_read_the_secret()
    {
        var run = await Primary();
        var name = (string)run.Single(Parameter, "origin-secret-generation-1").Inputs["name"];
        var arn = $"arn:aws:ssm:us-east-1:{AwsMocks.Account}:parameter{name}";
        var statements = Statements(run.Single("aws:iam/rolePolicy:RolePolicy", "app-service-access").Inputs["policy"]);
        var readable = statements.Values.Where(s => s.Actions.Any(a => a.StartsWith("ssm:", StringComparison.Ordinal))).SelectMany(s => s.Resources).ToList();
        Assert.NotEmpty(readable);
        Assert.DoesNotContain(readable, pattern => Regex.IsMatch(arn, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$"));
        // ... while the service's own parameters are readable through the same statements.
        Assert.Contains(readable, pattern => Regex.IsMatch($"arn:aws:ssm:us-east-1:{AwsMocks.Account}:parameter/multi-region-infra/us-east/db/port",
            "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$"));
    }

    [Fact]
    public async Task Without_a_domain_the_http_listener_behind_cloudfront_requires_the_header_too()
    {
        var run = await Primary(("domain", null), ("environment", "staging"));
        var http = Assert.Single(run.OfType(Listener));
        Assert.Equal("app-http", http.Name);
        Assert.Equal("fixed-response", Map(Assert.Single(List(http.Inputs["defaultActions"])))["type"]);
        Assert.All(run.OfType(Rule), r => Assert.Equal($"arn:aws:elasticloadbalancing:us-east-1:{AwsMocks.Account}:listener/app/app-http", r.Inputs["listenerArn"]));
        Assert.Equal(2, run.OfType(Rule).Count);
        var ingress = run.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").Where(r => Equals(r.Inputs["securityGroupId"], "app-alb-sg-id"));
        Assert.All(ingress, r => Assert.Equal(80.0, r.Inputs["fromPort"]));
    }

    [Fact]
    public async Task During_an_upgrade_the_header_can_be_accepted_before_it_is_required()
    {
        var run = await Primary(("edge.originHeaderRequired", "false"));
        Assert.Equal("forward", Map(Assert.Single(List(run.Single(Listener, "app-https").Inputs["defaultActions"])))["type"]);
        // The secret and its rule exist, so the global stack can start sending it.
        Assert.Equal(new[] { SecretOf(run, 1) }, Strings(HeaderCondition(run)["values"]));
        Assert.True(run.Outputs.ContainsKey("originSecret"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("cloudflare")]
    public async Task Other_edges_serve_by_default_and_have_no_secret(string edge)
    {
        var run = await Primary(("edge", edge));
        Assert.Equal("forward", Map(Assert.Single(List(run.Single(Listener, "app-https").Inputs["defaultActions"])))["type"]);
        Assert.Empty(run.OfType(Rule));
        Assert.DoesNotContain(run.OfType(Parameter), p => ((string)p.Inputs["name"]).Contains("origin-secret", StringComparison.Ordinal));
        Assert.False(run.Outputs.ContainsKey("originSecret"));
    }

    [Theory]
    [InlineData("edge.originSecretGeneration", "0", null, "multi-region-infra:edge.originSecretGeneration: '0' is out of range; allowed: an integer from 1 to 1000000")]
    [InlineData("edge.originSecretGeneration", "two", null, "multi-region-infra:edge.originSecretGeneration: 'two' is not an integer; allowed: an integer from 1 to 1000000")]
    [InlineData("edge.originSecretGeneration", "2", "cloudflare", "multi-region-infra:edge.originSecretGeneration: '2' is set but edge is 'cloudflare'; allowed: only with edge cloudfront, whose load balancers require the origin secret; remove it")]
    [InlineData("edge.originHeaderRequired", "false", "none", "multi-region-infra:edge.originHeaderRequired: 'false' is set but edge is 'none'; allowed: only with edge cloudfront, whose load balancers require the origin secret; remove it")]
    [InlineData("edge.originHeaderRequired", "no", null, "multi-region-infra:edge.originHeaderRequired: 'no' is not a boolean; allowed: true or false")]
    public void The_generation_is_validated(string key, string value, string? edge, string error)
    {
        var config = AwsMocks.PrimaryConfig().With(("aws:region", null), (key, value));
        if (edge is not null)
            config["edge"] = edge;
        var reader = new ConfigReader("multi-region-infra", config);
        Assert.Null(RegionalSettings.Read(reader, "us-east", "us-east-1"));
        Assert.Equal(error, Assert.Single(reader.Errors));
    }
}
