using MultiRegionInfra.Configuration;
using MultiRegionInfra.Stacks.Plan;

namespace MultiRegionInfra.Tests.Plan;

public class PlanOrderTests
{
    private static StackDependencies Regional(string name, string? primary = null) =>
        new(name, StackKind.Regional, primary is null ? Array.Empty<string>() : new[] { primary });

    private static StackDependencies Global(string name, params string[] regions) => new(name, StackKind.Global, regions);

    public static TheoryData<StackDependencies[], string[], string[]> Orders => new()
    {
        // Replicas after their primary, whatever the names; the global stack last.
        { new[] { Regional("a-replica", "z-primary"), Regional("z-primary"), Global("edge", "a-replica", "z-primary") }, Array.Empty<string>(), new[] { "z-primary", "a-replica", "edge" } },
        { new[] { Regional("eu-west", "us-east"), Regional("us-east"), Global("global", "us-east", "eu-west") }, Array.Empty<string>(), new[] { "us-east", "eu-west", "global" } },
        // Two primaries, each with a replica.
        { new[] { Regional("b1", "b"), Regional("a1", "a"), Regional("a"), Regional("b") }, Array.Empty<string>(), new[] { "a", "a1", "b", "b1" } },
        // Asking for a replica plans its primary first.
        { new[] { Regional("eu-west", "us-east"), Regional("us-east"), Global("global", "us-east", "eu-west") }, new[] { "eu-west" }, new[] { "us-east", "eu-west" } },
        // Asking for the global stack plans every region it reads.
        { new[] { Regional("eu-west", "us-east"), Regional("us-east"), Regional("ap-south", "us-east"), Global("global", "us-east", "eu-west") }, new[] { "global" }, new[] { "us-east", "eu-west", "global" } },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Stacks_come_after_the_stacks_they_read(StackDependencies[] stacks, string[] wanted, string[] expected)
    {
        var order = PlanOrder.Resolve(stacks, wanted.Length == 0 ? stacks.Select(s => s.Stack) : wanted, out var errors);
        Assert.Empty(errors);
        Assert.Equal(expected, order);
    }

    [Fact]
    public void A_missing_stack_and_a_cycle_are_reported()
    {
        var stacks = new[] { Regional("a", "b"), Regional("b", "a"), Regional("c", "nowhere") };
        PlanOrder.Resolve(stacks, stacks.Select(s => s.Stack), out var errors);
        Assert.Equal(new[]
        {
            "a: its stacks depend on each other in a cycle (a -> b -> a)",
            "c: reads stack 'nowhere', which has no Pulumi.nowhere.yaml",
        }, errors);
    }
}
