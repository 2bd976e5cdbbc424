using Autoencoders.Data.Text;

namespace Autoencoders.Data.Tests.Text;

public sealed class TextHashingTests
{
    [Fact]
    public void MatchesKerasMd5HashingTrickOnEveryGoldenText()
    {
        int cases = 0;
        foreach (var entry in TextGolden.Section("hashing"))
        {
            string text = (string)entry!["text"]!;
            int n = (int)entry["n"]!;
            Assert.Equal(TextGolden.Ints(entry["ids"]), TextHashing.HashingTrick(text, n));
            cases++;
        }
        Assert.Equal(64, cases);
    }

    [Fact]
    public void IdsLieBetweenOneAndNMinusOne()
    {
        int[] ids = TextHashing.OneHot("could have done better poor work not good nice great effort", 5);
        Assert.Equal(11, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, 1, 4));
    }

    [Fact]
    public void TheSameWordGetsTheSameIdWhateverItsCase() =>
        Assert.Equal(TextHashing.OneHot("Work", 50), TextHashing.OneHot("work!", 50));

    [Fact]
    public void AVocabularyBelowTwoIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TextHashing.OneHot("x", 1));
}
