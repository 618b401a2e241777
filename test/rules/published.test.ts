// Published documentation examples never fire. The values are kept reversed here so that this file
// does not itself contain them.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { isDocumentationExample, isPublishedValue } from '../../src/detect/published.js';

const reversed = [
  'wasDLAP5K0sASfoeSfxJWGv1HCvcTqdHAA:345102011',
  '11we321u1v2W75xyz-lkIhg4321FED-CBA:654321',
  '7654321zyxwvutsrqponmlkjihgfedcbaySazIA',
  'ELPMAXEBHD8HQ44IAIKA',
  'ELPMAXE7NNDOFSOIAIKA',
  '==wGMGoskeBHBK/rtOTPFZS1K/qt6I4zCrEVU2qFusFI6ZRSu05TFzUO1JXDCltEmlLPJwUqlFqcONx20Mdv8ybE',
  '0I_nTYlbMDlieRNWngwQdk34inNjxXeJoeOW7A1PXRC.9ZTO5ITM4MDO5EjOiAHelJCLi42buFmI6ISZs9mciwiIv1WZk1SZzFmYhBXdzJiOiM3cpJye.9JCVXpkI6ICc5RnIsIiN1IzUIJiOicGbhJye',
  'UI18NpY0W3nsf7pdH8vwQq-HysJdzJl53xZAR69MIGE.0nN5kjMxgzM4kTM6ICc4VmIsISZs9mcfV2YpZnclNnI6ISZs9mciwiIv1WZk1SZzFmYhBXdzJiOiM3cpJye.9JCVXpkI6ICc5RnIsIiN1IzUIJiOicGbhJye',
  'c5wssQda_VJy6kOP63fJeMpwf4TQ2FKKeMSJRwxKlfS.QfyIDM5MjM2ETNxojI0FWaiwiIl9GRg4GavpkI6ISZtFmbiwiIwkDO3YTN0MjMxIiOiIWdzJye.9JCVXpkI6ICc5RnIsIiN1IzUIJiOicGbhJye',
  'a4B871eA743838c0177E2196c292F24e7C61_ohg',
  'a4B871eA743838c0177E2196c292F24e7C61_phg',
  '8941A68cD9A1B5D61d21864C66Fbcc1E43c642961E2196c7E2F871ec024E7a74383877e2a4B1_rhg',
  'a4B871eA743838c0177E2196c292F24e7C61_shg',
  'a4B871eA743838c0177E2196c292F24e7C61_uhg',
  'YEKELPMAXEbvn8oCy3h/ktU9pZ2/FBwlCbGtM7ej',
  'zvPMEvSx_gH0mkdoU-KVTKjgU0DNU7N_terces_bs',
  'cd7pdz1TtjraDWjyLqH93Ce4_tset_ks',
  '2Qflo4HgWlH2IiBvOJkikoQB_tset_ks',
  'YEKELPMAXEYCifRxPb/GNEDM7K/IMEFntUXrlaJw',
];
const examples = reversed.map((value) => [...value].reverse().join(''));

describe('published example keys', () => {
  it.each(examples.map((value) => [value.slice(0, 6), value]))('%s… is recognised by hash and not reported', (_p, value) => {
    expect(isPublishedValue(value)).toBe(true);
    for (const text of [`KEY=${value}`, `const key = "${value}";`]) {
      expect(detect(text, builtinRules)).toEqual([]);
    }
  });

  it.each(examples.map((value) => [value.slice(0, 6), value]))(
    '%s… is a documentation example to the generic filters too (one list)',
    (_p, value) => {
      expect(isDocumentationExample(value)).toBe(true);
      expect(isDocumentationExample(` ${value}\n`)).toBe(true);
    },
  );
});
