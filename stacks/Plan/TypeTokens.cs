namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Type tokens as `pulumi preview` displays them.</summary>
public static class TypeTokens
{
    /// <summary>A token shortened the way Pulumi's display shortens it: the module's last path segment is
    /// dropped when it is the type's name in camel case (<c>aws:ec2/vpc:Vpc</c> → <c>aws:ec2:Vpc</c>);
    /// any other token is shown as it is.</summary>
    public static string Short(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split(':');
        if (parts.Length != 3)
            return token;
        var (package, module, name) = (parts[0], parts[1], parts[2]);
        var slash = module.LastIndexOf('/');
        if (slash < 0 || name.Length == 0)
            return token;
        var camel = char.ToLowerInvariant(name[0]) + name[1..];
        return module[(slash + 1)..] == camel ? $"{package}:{module[..slash]}:{name}" : token;
    }
}
