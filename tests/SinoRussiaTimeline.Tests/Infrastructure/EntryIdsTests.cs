using CsCheck;
using SinoRussiaTimeline.Entries;

namespace SinoRussiaTimeline.Tests.Infrastructure;

public sealed class EntryIdsTests
{
    [Fact]
    public void A_seed_key_always_gives_the_same_id()
    {
        EntryIds.FromSeedKey("2013-xi-jinping-russia").ShouldBe(EntryIds.FromSeedKey("2013-xi-jinping-russia"));
    }

    [Theory]
    // Expected values from an independent RFC 9562 implementation (Python's uuid.uuid5) with the service's namespace
    // 6f1c9a52-3d1e-4b7e-9a43-2f0c8d5e7b11: anyone can recompute a seed entry's id, and its URL never changes.
    [InlineData("2013-xi-jinping-russia", "22e262c4-b3fd-5412-8894-b97c547ecee3")]
    [InlineData("2018-04-wei-fenghe-moscow", "6e2f6194-64aa-57f4-a046-3c90ac25a919")]
    [InlineData("Шойгу-习近平", "8a2b557c-fe82-599d-83ba-b13ef09d64eb")]
    [InlineData("", "da9957e7-6a67-531b-8673-fb57d7c32e53")]
    public void A_seed_key_gives_the_standard_name_based_uuid(string key, string id)
    {
        EntryIds.FromSeedKey(key).ToString("D").ShouldBe(id);
    }

    [Fact]
    public void Seed_ids_are_version_5_with_the_RFC_variant()
    {
        Gen.String.Sample(
            key =>
            {
                var id = EntryIds.FromSeedKey(key);
                id.Version.ShouldBe(5);
                (id.Variant & 0xC).ShouldBe(0x8, "the RFC 9562 variant is 10xx");
                var text = id.ToString("D");
                text[14].ShouldBe('5');
                text[19].ShouldBeOneOf('8', '9', 'a', 'b');
                EntryIds.IsValid(text).ShouldBeTrue();
            },
            iter: 2_000);
    }

    [Fact]
    public void Different_seed_keys_give_different_ids()
    {
        Gen.Select(Gen.String, Gen.String).Where((a, b) => a != b).Sample(
            (a, b) => EntryIds.FromSeedKey(a).ShouldNotBe(EntryIds.FromSeedKey(b)),
            iter: 2_000);

        EntryIds.FromSeedKey("2018-04-wei-fenghe-moscow").ShouldNotBe(EntryIds.FromSeedKey("2018-04-wei-fenghe-Moscow"));
    }

    [Fact]
    public void A_supplied_id_is_kept_in_its_canonical_form()
    {
        var supplied = Guid.Parse("{0193A1B2-0000-7000-8000-000000000001}");

        EntryIds.For(supplied).ShouldBe("0193a1b2-0000-7000-8000-000000000001");
    }

    [Fact]
    public void Generated_ids_are_time_ordered_version_7_uuids_and_never_repeat()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => EntryIds.For(null)).ToList();

        ids.ShouldBeUnique();
        ids.ShouldAllBe(id => Guid.ParseExact(id, "D").Version == 7);
    }

    [Theory]
    [InlineData("0193a1b2-0000-7000-8000-000000000001", true)]
    [InlineData("0193A1B2-0000-7000-8000-000000000001", true)]
    [InlineData("0193a1b2000070008000000000000001", false)]
    [InlineData("{0193a1b2-0000-7000-8000-000000000001}", false)]
    [InlineData("xi-jinping", false)]
    [InlineData(null, false)]
    public void Only_the_hyphenated_uuid_form_is_an_entry_id(string? id, bool valid)
    {
        EntryIds.IsValid(id).ShouldBe(valid);
    }
}
