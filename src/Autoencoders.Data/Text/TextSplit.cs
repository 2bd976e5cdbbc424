namespace Autoencoders.Data.Text;

/// <summary>A training corpus and the test corpus it is scored on (both with the same class names).</summary>
public sealed record TextSplit(TextCorpus Train, TextCorpus Test)
{
    /// <summary>Both parts, as messages name them: "fortunes: computers, law (1,200 train, 300 test)".</summary>
    public string Description => $"{Train.Description} ({Train.Count:N0} train, {Test.Count:N0} test)";

    /// <summary>A seeded stratified split: in each class, a shuffled <paramref name="testFraction"/> of its documents
    /// (rounded, at least one where the class has two or more) goes to the test part; both parts keep corpus order.</summary>
    public static TextSplit Stratified(TextCorpus corpus, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (!(testFraction is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"expected a test fraction in (0, 1), received {testFraction}");
        var random = new DeterministicRandom(seed);
        var isTest = new bool[corpus.Count];
        for (int label = 0; label < corpus.ClassNames.Count; label++)
        {
            int[] members = [.. Enumerable.Range(0, corpus.Count).Where(i => corpus.Labels[i] == label)];
            random.Shuffle(members.AsSpan());
            int held = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            if (held == 0 && members.Length >= 2) held = 1;
            if (held == members.Length && members.Length >= 2) held--;
            foreach (int i in members.AsSpan(0, held)) isTest[i] = true;
        }
        var train = Enumerable.Range(0, corpus.Count).Where(i => !isTest[i]).ToList();
        var test = Enumerable.Range(0, corpus.Count).Where(i => isTest[i]).ToList();
        return new TextSplit(corpus.Subset(train), corpus.Subset(test));
    }
}
