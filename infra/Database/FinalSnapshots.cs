using System.Security.Cryptography;
using System.Text;
using Pulumi;

namespace MultiRegionInfra.Database;

/// <summary>Final snapshots that never collide. A database's identifier is fixed, so a replacement
/// deletes it (taking its final snapshot) before creating the new one; a fixed snapshot name would make
/// the second replacement fail on the first one's snapshot. The name therefore carries a digest of the
/// inputs that force the provider to replace the database: a replacement is a change to one of them, so
/// the replacement's snapshot gets a new name. The name is an ordinary input (no ignoreChanges, which
/// would carry the old name into the replacement), so a promoted replica that becomes a primary gets one.</summary>
public static class FinalSnapshots
{
    /// <summary>The final snapshot's identifier: <c>&lt;database&gt;-final-&lt;10 hex digits&gt;</c>, letters,
    /// digits and single hyphens, at most 255 characters.</summary>
    /// <param name="replacingInputs">The values of the inputs that replace the database when they change.</param>
    public static string Identifier(string databaseIdentifier, IEnumerable<string> replacingInputs)
    {
        ArgumentNullException.ThrowIfNull(databaseIdentifier);
        ArgumentNullException.ThrowIfNull(replacingInputs);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", replacingInputs.Prepend(databaseIdentifier))));
        return $"{databaseIdentifier}-final-{Convert.ToHexString(digest)[..10].ToLowerInvariant()}";
    }

    /// <summary>The options of a database resource: parented, protected in prod, and replaced by deleting
    /// first (its identifier is fixed, so the new one cannot exist beside the old; in prod, protect refuses
    /// the replacement outright).</summary>
    public static CustomResourceOptions Options(Resource parent, bool protect) => new()
    {
        Parent = parent,
        Protect = protect,
        DeleteBeforeReplace = true,
    };
}
