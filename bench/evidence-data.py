#!/usr/bin/env python3
"""Data for bench/evidence.sh: brain extraction on the Colin27 head of Debian's mricron-data, made
from the full-resolution files the way sample-data/make-sample.py makes the sample (its functions).

Image ch2.nii.gz, label ch2bet.nii.gz > 0, both 181x217x181 at 1 mm. Each form is cropped to the
head's bounding box (voxels >= 40, plus 2 voxels) and split at the midline x = 0 into a left and a
right hemisphere with a 15 mm gap (no voxel of either side lies within 7.5 mm of x = 0). One trains
on the left and scores the right.

  3d-{left,right}-{image,mask}.nii.gz   the volume at --mm-3d mm (default 3: block mean / block
                                        majority, a voxel centred on the MNI origin; identical to
                                        sample-data/colin27-3mm-{left,right}-*)
  2d-{left,right}-{image,mask}.nii.gz   the 1 mm volume as a stack of axial (z) slices, for a 2D
                                        network (--dims 2 trains on x-y patches of the z slices and
                                        segments the volume slice by slice)

Colin27's head fills the MNI box except at the top and the back, so the crop removes little
(1 mm: 4 coronal and 5 axial slices): what remains is the head with its background and neck,
which a brain extractor has to learn to leave out. Needs /usr/bin/python3 with numpy and nibabel
(Debian: python3-numpy python3-nibabel mricron-data).
"""
import argparse
import importlib.util
import os

here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('make_sample', os.path.join(here, '..', 'sample-data', 'make-sample.py'))
sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample)


def write_form(head, brain, affine, block, out, prefix):
    image, mask, aff, offset = sample.downsample(head, brain, affine, block)
    grid = image.shape
    image, mask, aff, lo, hi = sample.crop_to_head(image, mask, aff)
    left, right = sample.hemispheres(aff, image.shape[0])
    print('%s: %d mm grid %s, crop %s..%s -> %s; left x < %d, right x >= %d (15 mm gap at x = 0)'
          % (prefix, block, grid, lo, hi, image.shape, left.stop, right.start))
    sample.write_split(image, mask, aff, out, prefix, whole=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--templates', default='/usr/share/mricron/templates')
    parser.add_argument('--out', required=True, help='folder to write into (created)')
    parser.add_argument('--mm-3d', type=int, default=3, choices=(2, 3), help='voxel size of the 3D form; default 3')
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    head, brain, affine = sample.load_colin27(args.templates)
    write_form(head, brain, affine, args.mm_3d, args.out, '3d')
    write_form(head, brain, affine, 1, args.out, '2d')


if __name__ == '__main__':
    main()
