namespace Pulumi;

/// <summary>Base of every args class; its [Input] members are what gets serialized.</summary>
public abstract class InputArgs
{
    protected InputArgs()
    {
    }
}

/// <summary>Base of resource args classes.</summary>
public abstract class ResourceArgs : InputArgs
{
    public static readonly ResourceArgs Empty = new EmptyResourceArgs();

    protected ResourceArgs()
    {
    }

    private sealed class EmptyResourceArgs : ResourceArgs
    {
    }
}

/// <summary>Base of invoke args classes.</summary>
public abstract class InvokeArgs : InputArgs
{
    public static readonly InvokeArgs Empty = new EmptyInvokeArgs();

    protected InvokeArgs()
    {
    }

    private sealed class EmptyInvokeArgs : InvokeArgs
    {
    }
}
