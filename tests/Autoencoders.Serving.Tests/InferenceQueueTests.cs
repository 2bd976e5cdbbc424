using Autoencoders.Serving.Inference;

namespace Autoencoders.Serving.Tests;

/// <summary>The micro-batching queue: requests that wait together share a forward pass, and each gets its own rows' answer.</summary>
public sealed class InferenceQueueTests
{
    [Fact]
    public async Task RequestsQueuedTogetherShareForwardPassesAndGetTheirOwnAnswers()
    {
        var model = TinyServedModel.Create();
        // A long window: the 100 submissions below take microseconds, so they wait together whatever the machine's load.
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096, window: TimeSpan.FromMilliseconds(300));
        var rows = Enumerable.Range(0, 100).Select(i => TinyServedModel.Rows(1 + i % 5, seed: (ulong)i + 10)).ToArray();
        Task<InferenceResult>[] answers = [.. rows.Select(r => queue.Submit(Operation.Score, r, r.Length / 4, explain: 0))];
        InferenceResult[] results = await Task.WhenAll(answers);

        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(model.Score(rows[i], explain: 0).Scores, results[i].Scores);
        Assert.Equal(100, queue.Requests);
        Assert.InRange(queue.Passes, 1, 10);
    }

    [Fact]
    public async Task ARowCapSplitsTheQueueIntoPassesWithoutSplittingARequest()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 10, window: TimeSpan.FromMilliseconds(300));
        var rows = Enumerable.Range(0, 12).Select(i => TinyServedModel.Rows(4, seed: (ulong)i + 50)).ToArray();
        InferenceResult[] results = await Task.WhenAll(rows.Select(r => queue.Submit(Operation.Encode, r, 4, explain: 0)));

        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(model.Encode(rows[i]), results[i].Values);
        // 12 requests of 4 rows under a cap of 10 rows: two per pass at most, so at least 6 passes.
        Assert.InRange(queue.Passes, 6, 12);
    }

    [Fact]
    public async Task WithoutBatchingEachRequestRunsItsOwnPass()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096, window: TimeSpan.Zero, batching: false);
        var rows = Enumerable.Range(0, 8).Select(i => TinyServedModel.Rows(3, seed: (ulong)i + 90)).ToArray();
        InferenceResult[] results = await Task.WhenAll(rows.Select(r => Task.Run(() => queue.Submit(Operation.Reconstruct, r, 3, explain: 0))));

        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(model.Reconstruct(rows[i]), results[i].Values);
        Assert.Equal(8, queue.Passes);
    }

    [Fact]
    public async Task AFailingPassFailsOnlyItsRequestsAndTheQueueGoesOn()
    {
        var model = TinyServedModel.Create();
        await using var queue = new InferenceQueue(model, maxBatchRows: 4096, window: TimeSpan.Zero);
        // Rows of 3 values where the model takes 4: the detector refuses them, and says why.
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => queue.Submit(Operation.Score, new float[3], 1, explain: 0));
        Assert.Contains("expected whole rows of 4 values", failure.Message);
        var good = TinyServedModel.Rows(2, seed: 7);
        Assert.Equal(model.Score(good, explain: 0).Scores, (await queue.Submit(Operation.Score, good, 2, explain: 0)).Scores);
    }
}
