import { ValidateBy, ValidationOptions } from 'class-validator';
import { directionControlMessage, findDirectionControl } from '@mizan/domain';

export const NO_DIRECTION_CONTROLS = 'noDirectionControls';

/**
 * For names and titles (organizations, partners, programs, calls,
 * applications, users): refuses invisible bidirectional controls, which can
 * make a name read as something else. Reported by the validation pipe as
 * 400 VALIDATION_FAILED naming the field and the character.
 */
export function NoDirectionControls(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: NO_DIRECTION_CONTROLS,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || findDirectionControl(value) === undefined,
        defaultMessage: (args) => {
          const finding = typeof args?.value === 'string' ? findDirectionControl(args.value) : undefined;
          return finding ? directionControlMessage(args?.property ?? 'this field', finding) : `${args?.property ?? 'this field'} contains an invisible text-direction character`;
        },
      },
    },
    options,
  );
}
