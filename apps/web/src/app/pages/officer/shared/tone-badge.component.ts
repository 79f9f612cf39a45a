/** @deprecated The status badge lives in `core/ui/tone-badge.component`; this re-export only keeps older imports compiling. */
export { ToneBadgeComponent, type Tone } from '../../../core/ui/tone-badge.component';
