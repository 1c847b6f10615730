namespace IcOperator.Controllers;

/// <summary>Holds off clearing a chunk store while an install reads from it; disposing it (once) lets clearing go ahead.</summary>
internal sealed class ChunkStoreLease(Action release) : IDisposable
{
    private int disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            release();
        }
    }
}
