using System.Collections.Immutable;
using MultiRegionInfra.Tests.Support;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Sdk;

/// <summary>Stack references, mocked the way Pulumi documents it.</summary>
public class StackReferenceTests
{
    private static PulumiMocks Mocks() => new PulumiMocks().WithStackOutputs("acme/app/us-east", new Dictionary<string, object>
    {
        ["vpcId"] = "vpc-0abc",
        ["azCount"] = 3,
        ["subnets"] = new[] { "subnet-1", "subnet-2" },
        ["dbPassword"] = Output.CreateSecret("hunter2"),
    });

    [Fact]
    public async Task A_reference_is_read_by_stack_name_and_yields_the_outputs()
    {
        var mocks = Mocks();
        Output<object?>? vpc = null, subnets = null, absent = null;
        Output<object>? count = null;
        StackReference? reference = null;
        await mocks.RunAsync(() =>
        {
            reference = new StackReference("primary", new StackReferenceArgs { Name = "acme/app/us-east" });
            vpc = reference.GetOutput("vpcId");
            count = reference.RequireOutput("azCount");
            subnets = reference.GetOutput("subnets");
            absent = reference.GetOutput("nothing");
        });
        var registration = mocks.Single("pulumi:pulumi:StackReference", "primary");
        Assert.Equal("acme/app/us-east", registration.Id);
        Assert.Equal("acme/app/us-east", registration.Inputs["name"]);
        Assert.Equal("acme/app/us-east", await OutputUtilities.GetValueAsync(reference!.Id));
        Assert.Equal("vpc-0abc", await OutputUtilities.GetValueAsync(vpc!));
        Assert.Equal(3.0, await OutputUtilities.GetValueAsync(count!));
        Assert.Equal(new object[] { "subnet-1", "subnet-2" }, ((ImmutableArray<object>)(await OutputUtilities.GetValueAsync(subnets!))!).ToArray());
        Assert.Null(await OutputUtilities.GetValueAsync(absent!));
    }

    [Fact]
    public async Task A_reference_without_a_name_reads_the_stack_named_like_the_resource()
    {
        var mocks = Mocks();
        Output<object?>? vpc = null;
        await mocks.RunAsync(() => vpc = new StackReference("acme/app/us-east").GetOutput("vpcId"));
        Assert.Equal("vpc-0abc", await OutputUtilities.GetValueAsync(vpc!));
    }

    [Fact]
    public async Task Secret_outputs_stay_secret()
    {
        var mocks = Mocks();
        Output<object?>? password = null;
        await mocks.RunAsync(() => password = new StackReference("primary", new StackReferenceArgs { Name = "acme/app/us-east" }).GetOutput("dbPassword"));
        Assert.True(await Output.IsSecretAsync(password!));
        Assert.Equal("hunter2", await OutputUtilities.GetValueAsync(password!));
    }

    [Fact]
    public async Task Values_can_be_awaited_when_nothing_is_secret()
    {
        var mocks = new PulumiMocks().WithStackOutputs("acme/app/eu-west", new Dictionary<string, object> { ["region"] = "eu-west-1" });
        object? region = null;
        await mocks.RunAsync(() =>
        {
            var reference = new StackReference("replica", new StackReferenceArgs { Name = "acme/app/eu-west" });
            region = reference.RequireValueAsync("region").GetAwaiter().GetResult();
        });
        Assert.Equal("eu-west-1", region);
    }

    [Fact]
    public async Task Requiring_a_missing_output_fails_the_run_naming_output_and_stack()
    {
        var mocks = Mocks();
        var error = await Assert.ThrowsAsync<RunException>(() => mocks.RunAsync(() =>
            new StackReference("acme/app/us-east").RequireOutput("dbArn")));
        Assert.Contains("Required output 'dbArn' does not exist on stack 'acme/app/us-east'.", error.Message);
    }
}
