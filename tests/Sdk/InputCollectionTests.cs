using System.Collections.Immutable;
using Pulumi;
using Pulumi.Utilities;

namespace MultiRegionInfra.Tests.Sdk;

public class InputCollectionTests
{
    private static Task<ImmutableArray<T>> ValuesOf<T>(InputList<T> list) => OutputUtilities.GetValueAsync(list.ToOutput());

    private static Task<ImmutableDictionary<string, T>> ValuesOf<T>(InputMap<T> map) => OutputUtilities.GetValueAsync(map.ToOutput());

    [Fact]
    public async Task InputList_takes_initializers_add_addrange_and_concat()
    {
        var list = new InputList<string> { "a", Output.Create("b") };
        list.Add("c", "d");
        list.AddRange(new[] { "e" });
        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, await ValuesOf(list));
        var joined = list.Concat(new InputList<string> { "f" });
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f" }, await ValuesOf(joined));
        Assert.Equal(5, (await ValuesOf(list)).Length);
    }

    [Fact]
    public async Task InputList_converts_from_arrays_lists_and_outputs()
    {
        InputList<string> fromArray = new[] { "x", "y" };
        InputList<string> fromList = new List<string> { "z" };
        InputList<string> fromImmutable = ImmutableArray.Create("i");
        InputList<string> fromOutputArray = Output.Create(new[] { "o1", "o2" });
        InputList<string> fromOutputImmutable = Output.Create(ImmutableArray.Create("oi"));
        InputList<string> fromSingle = "single";
        InputList<string> fromOutputs = new[] { Output.Create("p"), Output.Create("q") };
        Assert.Equal(new[] { "x", "y" }, await ValuesOf(fromArray));
        Assert.Equal(new[] { "z" }, await ValuesOf(fromList));
        Assert.Equal(new[] { "i" }, await ValuesOf(fromImmutable));
        Assert.Equal(new[] { "o1", "o2" }, await ValuesOf(fromOutputArray));
        Assert.Equal(new[] { "oi" }, await ValuesOf(fromOutputImmutable));
        Assert.Equal(new[] { "single" }, await ValuesOf(fromSingle));
        Assert.Equal(new[] { "p", "q" }, await ValuesOf(fromOutputs));
    }

    [Fact]
    public async Task InputMap_takes_initializers_indexers_merge_and_conversions()
    {
        var map = new InputMap<string> { { "a", "1" }, { "b", Output.Create("2") } };
        map["c"] = "3";
        map.Add(new InputMap<string> { { "d", "4" } });
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3", ["d"] = "4" }, await ValuesOf(map));

        var merged = InputMap<string>.Merge(new InputMap<string> { { "k", "first" }, { "only", "1" } }, new InputMap<string> { { "k", "second" } });
        Assert.Equal(new Dictionary<string, string> { ["k"] = "second", ["only"] = "1" }, await ValuesOf(merged));

        InputMap<string> fromDictionary = new Dictionary<string, string> { ["x"] = "y" };
        InputMap<string> fromOutput = Output.Create(ImmutableDictionary<string, string>.Empty.Add("o", "p"));
        Assert.Equal("y", (await ValuesOf(fromDictionary))["x"]);
        Assert.Equal("p", (await ValuesOf(fromOutput))["o"]);
    }

    [Fact]
    public void Input_collections_cannot_be_enumerated_synchronously()
    {
        var list = new InputList<string> { "a" };
        var error = Assert.Throws<NotSupportedException>(() => ((System.Collections.IEnumerable)list).GetEnumerator());
        Assert.Contains("cannot be synchronously enumerated", error.Message);
    }

    [Fact]
    public async Task InputUnion_holds_either_type()
    {
        InputUnion<string, int> text = "ten";
        InputUnion<string, int> number = 10;
        var first = await OutputUtilities.GetValueAsync(text.ToOutput());
        var second = await OutputUtilities.GetValueAsync(number.ToOutput());
        Assert.True(first.IsT0);
        Assert.Equal("ten", first.AsT0);
        Assert.True(second.IsT1);
        Assert.Equal(10, second.AsT1);
        Assert.Equal("10", second.Match(s => s, n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
