import { Body, Controller, Delete, Get, Header, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DIRECTORY_LIMITS,
  DirectoryPaths,
  type DirectoryAggregateView,
  type DirectoryCandidatesView,
  type DirectoryExport,
  type DirectoryHeldView,
  type DirectoryMatchView,
  type DirectoryNeedFitView,
  type DirectoryNeedPage,
  type DirectoryNeedView,
  type DirectoryOrganizationMatchView,
  type DirectoryOwnProfileView,
  type DirectoryProfileSummary,
  type DirectoryPublicPage,
  type DirectoryRegistrationAccepted,
  type DirectorySearchPage,
  type DirectorySkillSuggestionView,
  type DirectoryTaxonomyView,
  type DirectoryVerificationResult,
} from '@mizan/contracts';
import { IdParam } from '@mizan/server/core';
import { DirectoryService } from '@mizan/server/directory';
import { AuthenticatedRequestContext, CurrentAuth, Public, RequirePermission } from '@mizan/server/identity';
import { sendStoredFile } from '../http/download';
import { AcceptsUpload } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';
import { readSingleUpload } from '../uploads/read-upload';
import {
  DirectoryAggregateQueryDto,
  DirectoryCloseDto,
  DirectoryDeclineDto,
  DirectoryErasureDto,
  DirectoryMatchListQueryDto,
  DirectoryNeedDto,
  DirectoryNeedListQueryDto,
  DirectoryProfileDto,
  DirectoryProposalDto,
  DirectoryRegistrationDto,
  DirectoryReleaseDto,
  DirectorySearchQueryDto,
  DirectorySessionDto,
  DirectoryVerificationDto,
} from './directory.dto';

/**
 * The diaspora expertise directory (issue 15, docs/directory.md; routes listed in libs/contracts directory.ts).
 * Experts (`directory.own`) reach their own profile and matches only; hosts (`directory.host`: partner users and
 * diaspora organizations) their own needs and profiles visible to hosts; officers (`directory.manage`) everything
 * of their agency. Anything else is 404.
 */
@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Public()
  @ApiOperation({ summary: 'The taxonomy: sectors and their skills, named in en / ar / sv' })
  @Get(DirectoryPaths.taxonomy)
  taxonomy(): Promise<DirectoryTaxonomyView> {
    return this.directory.taxonomy();
  }

  @RequirePermission('directory.taxonomy')
  @ApiOperation({ summary: 'Free-text skills experts typed that are not in the taxonomy, most named first' })
  @Get(DirectoryPaths.taxonomySuggestions)
  suggestions(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectorySkillSuggestionView[]> {
    return this.directory.skillSuggestions(auth);
  }

  @Public()
  @ApiOperation({ summary: 'Register as an expert: a verification mail is sent (always 202; rate-limited)' })
  @ErrorResponses(400, 429)
  @HttpCode(202)
  @Post(DirectoryPaths.registrations)
  async register(@Body() body: DirectoryRegistrationDto, @Req() req: FastifyRequest): Promise<DirectoryRegistrationAccepted> {
    await this.directory.register(body, req.ip);
    return { status: 'verification_sent' };
  }

  @Public()
  @ApiOperation({ summary: 'Verify the email of a registration (the link of the mail): active, or held after a sanctions hit' })
  @ErrorResponses(400)
  @HttpCode(200)
  @Post(DirectoryPaths.verifyRegistration)
  verify(@Body() body: DirectoryVerificationDto): Promise<DirectoryVerificationResult> {
    return this.directory.verify(body.token);
  }

  @Public()
  @ApiOperation({ summary: 'Profiles their experts list publicly (no contact details)' })
  @ErrorResponses(400)
  @Get(DirectoryPaths.publicProfiles)
  publicProfiles(@Query() query: DirectorySearchQueryDto): Promise<DirectoryPublicPage> {
    return this.directory.publicProfiles(query);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'The signed-in expert’s own profile' })
  @ErrorResponses(404)
  @Get(DirectoryPaths.me)
  me(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectoryOwnProfileView> {
    return this.directory.me(auth);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Save the signed-in expert’s profile' })
  @ErrorResponses(400, 409)
  @Put(DirectoryPaths.me)
  saveMe(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: DirectoryProfileDto): Promise<DirectoryOwnProfileView> {
    return this.directory.saveProfile(auth, body);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Upload the expert’s CV (a PDF, field `file`), replacing any earlier one' })
  @ErrorResponses(400, 409, 413, 415)
  @Post(DirectoryPaths.myCv)
  @AcceptsUpload()
  async uploadCv(@CurrentAuth() auth: AuthenticatedRequestContext, @Req() request: FastifyRequest): Promise<DirectoryOwnProfileView> {
    await this.directory.me(auth);
    const upload = await readSingleUpload(request, DIRECTORY_LIMITS.cvMaxBytes);
    return this.directory.uploadCv(auth, upload);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Download the expert’s own CV' })
  @ErrorResponses(404)
  @Get(DirectoryPaths.myCv)
  async myCv(@CurrentAuth() auth: AuthenticatedRequestContext, @Res() reply: FastifyReply): Promise<void> {
    const { view, stream } = await this.directory.openCv(auth, null);
    await sendStoredFile(reply, view, stream);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Remove the expert’s CV' })
  @ErrorResponses(409)
  @Delete(DirectoryPaths.myCv)
  removeCv(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectoryOwnProfileView> {
    return this.directory.removeCv(auth);
  }

  @RequirePermission('directory.manage')
  @ApiOperation({ summary: 'Download an expert’s CV (officers)' })
  @ErrorResponses(404)
  @Get(DirectoryPaths.profileCv(':id'))
  async profileCv(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const { view, stream } = await this.directory.openCv(auth, id);
    await sendStoredFile(reply, view, stream);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Open needs that fit the expert, ranked with the reasons' })
  @ErrorResponses(409)
  @Get(DirectoryPaths.myNeeds)
  myNeeds(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectoryNeedFitView[]> {
    return this.directory.myNeeds(auth);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Express interest in an open need' })
  @ErrorResponses(404, 409)
  @HttpCode(200)
  @Post(DirectoryPaths.interest(':id'))
  interest(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryNeedView> {
    return this.directory.expressInterest(auth, id);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'The expert’s matches' })
  @Get(DirectoryPaths.myMatches)
  myMatches(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectoryMatchView[]> {
    return this.directory.myMatches(auth);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Everything Mizan holds about the expert, as JSON (GDPR)' })
  @Header('Content-Disposition', 'attachment; filename="mizan-directory-export.json"')
  @Get(DirectoryPaths.myExport)
  exportOwn(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectoryExport> {
    return this.directory.exportOwn(auth);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Erase the expert’s account and personal data everywhere (GDPR); the password confirms' })
  @ErrorResponses(400, 401)
  @HttpCode(204)
  @Post(DirectoryPaths.myErasure)
  async erase(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: DirectoryErasureDto): Promise<void> {
    await this.directory.erase(auth, body.password);
  }

  @RequirePermission('directory.manage', 'directory.host')
  @ApiOperation({ summary: 'Search the directory (hosts see profiles visible to hosts only); no contact details' })
  @ErrorResponses(400)
  @Get(DirectoryPaths.profiles)
  search(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: DirectorySearchQueryDto): Promise<DirectorySearchPage> {
    return this.directory.search(auth, query);
  }

  @RequirePermission('directory.manage', 'directory.host')
  @ApiOperation({ summary: 'One profile (same visibility as the search)' })
  @ErrorResponses(404)
  @Get(DirectoryPaths.profile(':id'))
  profile(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryProfileSummary> {
    return this.directory.profile(auth, id);
  }

  @RequirePermission('directory.manage')
  @ApiOperation({ summary: 'Registrations held after a potential sanctions match' })
  @Get(DirectoryPaths.held)
  held(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<DirectoryHeldView[]> {
    return this.directory.held(auth);
  }

  @RequirePermission('directory.manage')
  @ApiOperation({ summary: 'Release or refuse a held registration' })
  @ErrorResponses(400, 404, 409)
  @HttpCode(200)
  @Post(DirectoryPaths.release(':id'))
  release(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: DirectoryReleaseDto): Promise<DirectoryOwnProfileView> {
    return this.directory.release(auth, id, body);
  }

  @RequirePermission('directory.manage', 'directory.host')
  @ApiOperation({ summary: 'Needs: all of the agency for officers, one’s own for hosts' })
  @ErrorResponses(400)
  @Get(DirectoryPaths.needs)
  needs(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: DirectoryNeedListQueryDto): Promise<DirectoryNeedPage> {
    return this.directory.needs(auth, query);
  }

  @RequirePermission('directory.host')
  @ApiOperation({ summary: 'Post a need: an assignment (terms of reference) or a partnership request' })
  @ErrorResponses(400)
  @Post(DirectoryPaths.needs)
  postNeed(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: DirectoryNeedDto): Promise<DirectoryNeedView> {
    return this.directory.postNeed(auth, body);
  }

  @RequirePermission('directory.manage', 'directory.host', 'directory.own')
  @ApiOperation({ summary: 'One need (officers, its poster; experts an open one)' })
  @ErrorResponses(404)
  @Get(DirectoryPaths.need(':id'))
  need(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryNeedView> {
    return this.directory.need(auth, id);
  }

  @RequirePermission('directory.manage', 'directory.host')
  @ApiOperation({ summary: 'Close a need without a match' })
  @ErrorResponses(404, 409)
  @HttpCode(200)
  @Post(DirectoryPaths.closeNeed(':id'))
  closeNeed(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryNeedView> {
    return this.directory.closeNeed(auth, id);
  }

  @RequirePermission('directory.manage')
  @ApiOperation({ summary: 'Matching run: experts ranked for an assignment need, with the score and why' })
  @ErrorResponses(404, 409)
  @Get(DirectoryPaths.candidates(':id'))
  candidates(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryCandidatesView> {
    return this.directory.candidates(auth, id);
  }

  @RequirePermission('directory.manage')
  @ApiOperation({ summary: 'Propose an expert for a need (never in person where the governorate has no access)' })
  @ErrorResponses(400, 404, 409)
  @Post(DirectoryPaths.proposals(':id'))
  propose(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: DirectoryProposalDto): Promise<DirectoryMatchView> {
    return this.directory.propose(auth, id, body);
  }

  @RequirePermission('directory.manage', 'directory.host')
  @ApiOperation({ summary: 'Organizations ranked for a partnership need (theme, governorate, past grants)' })
  @ErrorResponses(404, 409)
  @Get(DirectoryPaths.organizationMatches(':id'))
  organizationMatches(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryOrganizationMatchView[]> {
    return this.directory.organizationMatches(auth, id);
  }

  @RequirePermission('directory.manage', 'directory.host')
  @ApiOperation({ summary: 'Matches: all for officers; on one’s own needs for hosts (once the expert answered); `needId`: of one need' })
  @ErrorResponses(400)
  @Get(DirectoryPaths.matches)
  matches(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: DirectoryMatchListQueryDto): Promise<DirectoryMatchView[]> {
    return this.directory.matches(auth, query);
  }

  @RequirePermission('directory.manage', 'directory.host', 'directory.own')
  @ApiOperation({ summary: 'One match; contact details once the expert accepted' })
  @ErrorResponses(404)
  @Get(DirectoryPaths.match(':id'))
  match(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryMatchView> {
    return this.directory.match(auth, id);
  }

  @RequirePermission('directory.own', 'directory.host')
  @ApiOperation({ summary: 'Accept a match: the expert a proposal, then the host' })
  @ErrorResponses(403, 404, 409)
  @HttpCode(200)
  @Post(DirectoryPaths.acceptMatch(':id'))
  accept(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DirectoryMatchView> {
    return this.directory.accept(auth, id);
  }

  @RequirePermission('directory.own', 'directory.host')
  @ApiOperation({ summary: 'Decline a match (the expert a proposal; the host one the expert accepted)' })
  @ErrorResponses(400, 403, 404, 409)
  @HttpCode(200)
  @Post(DirectoryPaths.declineMatch(':id'))
  decline(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: DirectoryDeclineDto): Promise<DirectoryMatchView> {
    return this.directory.decline(auth, id, body.reason);
  }

  @RequirePermission('directory.own')
  @ApiOperation({ summary: 'Log a mentoring session on an active match' })
  @ErrorResponses(400, 403, 404, 409)
  @Post(DirectoryPaths.matchSessions(':id'))
  logSession(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: DirectorySessionDto): Promise<DirectoryMatchView> {
    return this.directory.logSession(auth, id, body);
  }

  @RequirePermission('directory.host', 'directory.manage')
  @ApiOperation({ summary: 'Close an active match with a rating (the host or an officer)' })
  @ErrorResponses(400, 403, 404, 409)
  @HttpCode(200)
  @Post(DirectoryPaths.closeMatch(':id'))
  close(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: DirectoryCloseDto): Promise<DirectoryMatchView> {
    return this.directory.close(auth, id, body);
  }

  @RequirePermission('directory.manage')
  @ApiOperation({ summary: 'Counts for the map and charts; no group smaller than 5 people is published' })
  @ErrorResponses(400)
  @Get(DirectoryPaths.aggregates)
  aggregates(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: DirectoryAggregateQueryDto): Promise<DirectoryAggregateView> {
    return this.directory.aggregates(auth, query.dimension, { country: query.country });
  }
}
