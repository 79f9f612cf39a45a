import { FieldErrorCode, type FieldProblem } from '@mizan/contracts';
import { directionControlMessage, findDirectionControl, findUnstorableCharacter, unstorableCharacterMessage, type TextFinding } from '@mizan/domain';

/** The params of an INVALID_CHARACTER field problem: the character in words and its 1-based position. */
export function characterParams(finding: TextFinding): Record<string, string | number> {
  return { character: `${finding.codePoint} ${finding.name}`, position: finding.index + 1 };
}

/**
 * The INVALID_CHARACTER problem of a text field checked by hand (outside a DTO), or undefined when
 * it is fine: a NUL or lone surrogate first (never storable), then, for names and titles
 * (`directionControls`), an invisible direction control (see @mizan/domain text-safety).
 */
export function characterProblem(field: string, text: string, options: { directionControls?: boolean } = {}): FieldProblem | undefined {
  const unstorable = findUnstorableCharacter(text);
  if (unstorable) return { field, code: FieldErrorCode.InvalidCharacter, params: characterParams(unstorable), message: unstorableCharacterMessage(field, unstorable) };
  const direction = options.directionControls ? findDirectionControl(text) : undefined;
  if (direction) return { field, code: FieldErrorCode.InvalidCharacter, params: characterParams(direction), message: directionControlMessage(field, direction) };
  return undefined;
}
