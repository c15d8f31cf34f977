using MultiRegionInfra.Database;

namespace MultiRegionInfra.Tests.Regional;

/// <summary>Final snapshot names: the same while nothing that replaces the database changes, new when
/// something does, so a second replacement never meets the first one's snapshot.</summary>
public class FinalSnapshotsTests
{
    private static readonly string[] Inputs = { "postgres", "app", "app_admin" };

    [Fact]
    public void The_same_inputs_give_the_same_name_on_every_run()
    {
        Assert.Equal(FinalSnapshots.Identifier("app-us-east-pg", Inputs), FinalSnapshots.Identifier("app-us-east-pg", Inputs.ToArray()));
    }

    [Theory]
    [InlineData(0, "aurora-postgresql")]
    [InlineData(1, "orders")]
    [InlineData(2, "admin")]
    public void A_change_that_replaces_the_database_gives_its_snapshot_a_new_name(int index, string value)
    {
        var changed = Inputs.ToArray();
        changed[index] = value;
        Assert.NotEqual(FinalSnapshots.Identifier("app-us-east-pg", Inputs), FinalSnapshots.Identifier("app-us-east-pg", changed));
    }

    [Theory]
    [InlineData("app-us-east-pg")]
    [InlineData("a-63-character-identifier-which-is-the-longest-rds-allows-xxxxx")]
    public void The_name_is_one_rds_accepts(string identifier)
    {
        var name = FinalSnapshots.Identifier(identifier, Inputs);
        Assert.Matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", name);
        Assert.StartsWith(identifier + "-final-", name, StringComparison.Ordinal);
        Assert.InRange(name.Length, 1, 255);
    }
}
