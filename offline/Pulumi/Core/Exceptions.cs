namespace Pulumi;

/// <summary>An error whose message is reported on its own, without a stack trace.</summary>
public class RunException : Exception
{
    public RunException(string message) : base(message)
    {
    }

    public RunException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    public static RunException OutputsHaveIncorrectType(IEnumerable<string> outputAttributeNames) =>
        new($"Output(s) '{string.Join(", ", outputAttributeNames)}' have incorrect type. [Output] attributed properties must be instances of Output<T>.");
}

/// <summary>An error about one resource.</summary>
public class ResourceException : Exception
{
    internal Resource? Resource { get; }
    internal bool HideStack { get; }

    public ResourceException(string message, Resource? resource, bool hideStack = false) : base(message)
    {
        Resource = resource;
        HideStack = hideStack;
    }
}
