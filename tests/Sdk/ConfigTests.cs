using System.Text.Json;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Sdk;

/// <summary>Configuration as the SDK reads it from PULUMI_CONFIG, with the real error messages.</summary>
public class ConfigTests
{
    private sealed record Sizes(int Min, int Max);

    [Fact]
    public async Task Typed_getters_read_the_projects_namespace_and_others()
    {
        var mocks = new PulumiMocks();
        var seen = new Dictionary<string, object?>();
        await mocks.RunAsync(() =>
        {
            var config = new Config();
            seen["name"] = config.Get("name");
            seen["missing"] = config.Get("missing");
            seen["count"] = config.GetInt32("count");
            seen["ratio"] = config.GetDouble("ratio");
            seen["enabled"] = config.GetBoolean("enabled");
            seen["sizes"] = config.GetObject<Sizes>("sizes");
            seen["required"] = config.Require("name");
            seen["requiredCount"] = config.RequireInt32("count");
            seen["region"] = new Config("aws").Require("region");
        }, config: new Dictionary<string, string>
        {
            ["name"] = "api",
            ["count"] = "3",
            ["ratio"] = "0.25",
            ["enabled"] = "true",
            ["sizes"] = """{"Min":1,"Max":4}""",
            ["aws:region"] = "eu-west-1",
        });
        Assert.Equal("api", seen["name"]);
        Assert.Null(seen["missing"]);
        Assert.Equal(3, seen["count"]);
        Assert.Equal(0.25, seen["ratio"]);
        Assert.Equal(true, seen["enabled"]);
        Assert.Equal(new Sizes(1, 4), seen["sizes"]);
        Assert.Equal("api", seen["required"]);
        Assert.Equal(3, seen["requiredCount"]);
        Assert.Equal("eu-west-1", seen["region"]);
    }

    [Fact]
    public async Task Secret_getters_return_secret_outputs()
    {
        var mocks = new PulumiMocks();
        Output<string>? password = null;
        Output<int>? port = null;
        await mocks.RunAsync(() =>
        {
            var config = new Config();
            password = config.RequireSecret("password");
            port = config.GetSecretInt32("port");
        }, config: new Dictionary<string, string> { ["password"] = "hunter2", ["port"] = "5432" }, secretKeys: new HashSet<string> { "project:password" });
        Assert.True(await Output.IsSecretAsync(password!));
        Assert.Equal("hunter2", await OutputUtilities.GetValueAsync(password!));
        Assert.True(await Output.IsSecretAsync(port!));
        Assert.Equal(5432, await OutputUtilities.GetValueAsync(port!));
    }

    [Fact]
    public async Task A_missing_required_key_fails_the_run_with_the_key_and_the_fix()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() => new Config().Require("vpcCidr"), project: "multi-region-infra"));
        Assert.Equal("Missing Required configuration variable 'multi-region-infra:vpcCidr'\n\tplease set a value using the command `pulumi config set multi-region-infra:vpcCidr <value>`", error.Message);
    }

    [Theory]
    [InlineData("count", "three", "Int32")]
    [InlineData("enabled", "yes", "Boolean")]
    [InlineData("ratio", "half", "Double")]
    public async Task A_malformed_value_fails_the_run_naming_key_value_and_type(string key, string value, string type)
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() =>
        {
            var config = new Config();
            _ = key switch
            {
                "count" => (object?)config.GetInt32(key),
                "enabled" => config.GetBoolean(key),
                _ => config.GetDouble(key),
            };
        }, config: new Dictionary<string, string> { [key] = value }));
        Assert.Equal($"Configuration 'project:{key}' value '{value}' is not a valid {type}", error.Message);
    }

    [Fact]
    public async Task A_malformed_object_fails_the_run_with_the_target_type()
    {
        var mocks = new PulumiMocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() => new Config().GetObject<Sizes>("sizes"),
            config: new Dictionary<string, string> { ["sizes"] = "{not json" }));
        Assert.StartsWith("Configuration 'project:sizes' value '{not json' is not a valid ", error.Message);
        Assert.Contains(nameof(Sizes), error.Message);
    }

    [Fact]
    public async Task Keys_in_the_cli_form_with_config_segment_are_read_too()
    {
        var mocks = new PulumiMocks();
        string? seen = null;
        using (PulumiMocks.WithConfig(new Dictionary<string, string>(), "project", null))
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(new Dictionary<string, string> { ["project:config:tier"] = "gold" }));
            await Deployment.TestAsync(mocks.Mock.Object, new Pulumi.Testing.TestOptions { ProjectName = "project" }, () => seen = new Config().Get("tier"));
        }
        Assert.Equal("gold", seen);
    }
}
